"""Feeds and calendars: RSS/Atom of stories, calls and campaigns; the .ics files."""
