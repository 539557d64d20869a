"""The guide map: its page, its data files and the small map on each group page."""
