"""The embedded demo photo (``coffee.png``) and its licence (``LICENSES.md``); no code."""
