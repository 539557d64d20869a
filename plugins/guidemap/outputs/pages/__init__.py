"""HTML of the pages the core makes, one module per family: ``group`` (a group's page, in
named sections), ``listings`` (directory, provinces, focus areas, how to help), ``stories``
(story pages, lessons learned, the archive), ``subscribe`` (the feeds), ``home`` (the home
page's blocks); ``common`` holds what several share.

Pure functions of the dataset: no MkDocs here. Every contributed string goes through
:func:`~guidemap.outputs.html.htmlkit.h` or the Markdown sanitizer. Which pages the site has, and
in which order, is decided in :mod:`guidemap.outputs.registry`.
"""

from __future__ import annotations
