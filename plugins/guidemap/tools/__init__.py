"""Contributor and maintainer tools on the same contract: the guidemap command and its helpers."""
