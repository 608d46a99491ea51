"""The database every model is bound to: a proxy that gestco.db.open_database points at a
real one (a file, or a server). Its own module so that the models need nothing else."""

from __future__ import annotations

import peewee

database = peewee.DatabaseProxy()
