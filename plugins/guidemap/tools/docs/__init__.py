"""Documentation tables made from the field declarations."""
