"""What every output shares: the site's info and page types, the URL map, the selection rules
(open, upcoming, running), file writing.
"""
