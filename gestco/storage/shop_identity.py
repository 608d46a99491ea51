"""Which shop a database is: a random id kept in its settings, made once. Backups are kept in
a folder per shop id, so one database's rotation never touches another's."""

from __future__ import annotations

import uuid

import peewee

from gestco.storage.models import Settings

SHOP_ID_KEY = "shop_id"


def ensure_shop_id(real: peewee.Database) -> str:
    """This database's identity: a random id kept in its settings, made once. Backups are
    kept in a folder per shop id, so one database's rotation never touches another's."""
    stored = Settings.select(Settings.value).where(Settings.key == SHOP_ID_KEY)
    found = real.execute(stored).fetchone()
    if found:
        return str(found[0])
    with real.atomic():  # made once: another workstation's at the same moment wins
        real.execute(Settings.insert(key=SHOP_ID_KEY, value=uuid.uuid4().hex).on_conflict_ignore())
    return str(real.execute(stored).fetchone()[0])
