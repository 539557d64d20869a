"""Reading offline: what the site's service worker keeps from a first visit, and each
province's list for "Save for offline" (see docs/accessibility.md)."""
