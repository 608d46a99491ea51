"""Qt table models, one per table; each returns frozen dataclasses from the core."""
