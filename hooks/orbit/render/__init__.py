"""Pure renderers: validated models in, Markdown or HTML text out (no MkDocs objects)."""
