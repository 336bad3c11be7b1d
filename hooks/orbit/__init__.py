"""The explainer generator: story data in `data/` to the pages of a static site.

Stages, each importing only from the ones listed before it (a test walks the imports):

1. `data`    read YAML, validate it against the data contract, check cross-file references
2. `pages`   where every page lives (addresses) and the markers passed between stages
3. `charts`  each chart's numbers, table, CSV and Plotly figure, from validated data
4. `link`    linkable entities, the first-mention linker, editors' `[[...]]` markers
5. `render`  pure renderers: models in, Markdown or HTML text out
6. `site`    one build: which pages exist, the navigation, the security policy

Nothing here imports MkDocs: `hooks/orbit_hooks.py` alone wires these stages to its events
(through its adapter `hooks/orbit_mkdocs.py`).
"""
