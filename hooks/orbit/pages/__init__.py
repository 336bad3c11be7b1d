"""Stage 2: where every page lives, and the HTML-comment markers passed between later stages."""
