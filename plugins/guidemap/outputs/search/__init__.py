"""The Thai search index: sections cut into words, sharded for lazy loading."""
