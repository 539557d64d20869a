"""Published pictures: every contributed picture re-encoded into sized renditions."""
