"""Stage 4: linkable entities, the first-mention linker and its worker, editors' markers."""
