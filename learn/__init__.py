"""learn: e-learning for a province digital-transformation programme."""
