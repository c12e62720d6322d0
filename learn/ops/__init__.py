"""Operations: the deployment self-check, database backup and restore."""
