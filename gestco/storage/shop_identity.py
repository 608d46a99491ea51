"""Which shop a database is: a random id kept in its settings, made once. Backups are kept in
a folder per shop id, so one database's rotation never touches another's."""

from __future__ import annotations

import uuid

import peewee

SHOP_ID_KEY = "shop_id"


def ensure_shop_id(real: peewee.Database) -> str:
    """This database's identity: a random id kept in its settings, made once. Backups are
    kept in a folder per shop id, so one database's rotation never touches another's."""
    mark = "%s" if isinstance(real, peewee.PostgresqlDatabase) else "?"
    select = f"SELECT value FROM settings WHERE key = {mark}"
    found = real.execute_sql(select, (SHOP_ID_KEY,)).fetchone()
    if found:
        return str(found[0])
    with real.atomic():
        real.execute_sql(
            f"INSERT INTO settings (key, value) SELECT {mark}, {mark} WHERE NOT EXISTS"
            f" (SELECT 1 FROM settings WHERE key = {mark})",
            (SHOP_ID_KEY, uuid.uuid4().hex, SHOP_ID_KEY),
        )
    return str(real.execute_sql(select, (SHOP_ID_KEY,)).fetchone()[0])
