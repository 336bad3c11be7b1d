"""Stage 1: read the data files, validate them, and check references across files."""
