"""Drivers: build the site with an engine that runs no MkDocs hooks, calling the stages the hooks call.

Above every stage, like the hook file and `orbit/__main__.py`; each driver module is the only one
that runs its engine.
"""
