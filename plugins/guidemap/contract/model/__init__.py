"""The model every output reads, the field machinery, and each content type's declarations."""
