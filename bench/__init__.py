"""Performance benchmarks of learn: `python -m bench` (see docs/performance.md)."""
