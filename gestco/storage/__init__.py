"""Storage: the only package that talks to an engine (the peewee models are the schema)."""
