"""Whole-database work: the shop's invariants (`gestco check`), the backups it keeps, restoring
one, and copying a file into a server (`migrate-to`)."""
