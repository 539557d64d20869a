"""The data contract: reading, validating and modelling profiles and stories."""
