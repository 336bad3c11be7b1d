"""Stage 5: pure renderers: validated models in, Markdown or HTML text out."""
