"""learning feature."""
