"""HTML building blocks: escaping and the HTML cleaner, bilingual markup, the page head (share
cards, JSON-LD), share links, minified assets.
"""
