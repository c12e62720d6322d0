"""quiz feature."""
