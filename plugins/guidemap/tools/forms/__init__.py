"""The issue forms: reading a form's body and turning it into a data file."""
