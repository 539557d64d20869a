"""The MkDocs (and ProperDocs) adapter: the only part of the package that imports MkDocs."""
