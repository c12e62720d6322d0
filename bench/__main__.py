"""Entry point: `python -m bench [--quick] [--db sqlite|postgresql|both] [--only NAMES]`."""

from bench.cli import main

raise SystemExit(main())
