"""Guide map: profiles of volunteer groups and their stories, published as a static site.

The core (loading, validation, rendering of pages, map and feed) never imports MkDocs; the
MkDocs/ProperDocs plugin in :mod:`guidemap.adapter.plugin` is a thin adapter over it.
"""

from __future__ import annotations

__version__ = "0.1.0"
