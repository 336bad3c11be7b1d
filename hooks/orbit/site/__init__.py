"""Stage 6: one build of the site: its pages, navigation and Content-Security-Policy."""
