"""The audit log: who did what, when (UTC) and from where."""
