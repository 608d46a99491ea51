"""Tools around the shop's data: demo data written in bulk, and the bench of the hot paths."""
