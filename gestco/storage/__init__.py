"""The only package that talks to an engine (SQLite or PostgreSQL): the models (the schema)
and the queries built with them, the bound database, opening and schema steps, transactions
and the lock order, file checks, snapshots, change notices, and the hand-written SQL of the
measured hot paths."""
