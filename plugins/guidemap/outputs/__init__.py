"""The site's outputs, made from the validated model: pages, map, feeds, open data, search."""
