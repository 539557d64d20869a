"""Open data: the JSON, CSV and GeoJSON people download."""
