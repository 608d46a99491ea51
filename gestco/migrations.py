"""Schema versions, kept in PRAGMA user_version. Steps run in order, each in one transaction.

A step is frozen once released: a later change is a new step, never an edit.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from gestco.errors import DatabaseError
from gestco.text import search_key

PK = "INTEGER PRIMARY KEY"  # engine-specific; the PostgreSQL issue swaps it behind db.py


def _v1_initial(db: peewee.Database) -> None:
    statements = [
        f"""CREATE TABLE clients (
            id {PK},
            phone TEXT NOT NULL,
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            postal_code TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1)""",
        "CREATE UNIQUE INDEX clients_phone ON clients (phone)",
        f"""CREATE TABLE products (
            id {PK},
            sku TEXT NOT NULL,
            name TEXT NOT NULL,
            unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
            tax_rate_bp INTEGER NOT NULL DEFAULT 2000 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
            on_hand INTEGER NOT NULL DEFAULT 0,
            reserved INTEGER NOT NULL DEFAULT 0,
            reorder_level INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL)""",
        "CREATE UNIQUE INDEX products_sku ON products (sku)",
        f"""CREATE TABLE orders (
            id {PK},
            number TEXT NOT NULL,
            client_id INTEGER NOT NULL REFERENCES clients (id),
            channel TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            validated_at TEXT NOT NULL,
            shipping_date TEXT NOT NULL,
            shipped_at TEXT,
            delivered_at TEXT,
            shipping_address TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            total_excl_cents INTEGER NOT NULL,
            total_tax_cents INTEGER NOT NULL,
            total_cents INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL)""",
        "CREATE UNIQUE INDEX orders_number ON orders (number)",
        "CREATE INDEX orders_created ON orders (created_at, id)",
        "CREATE INDEX orders_client ON orders (client_id, created_at)",
        "CREATE INDEX orders_status ON orders (status, created_at, id)",
        "CREATE INDEX orders_total ON orders (total_cents, id)",
        "CREATE INDEX orders_shipping ON orders (shipping_date, id)",
        f"""CREATE TABLE order_lines (
            id {PK},
            order_id INTEGER NOT NULL REFERENCES orders (id),
            position INTEGER NOT NULL,
            product_id INTEGER NOT NULL REFERENCES products (id),
            description TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
            discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
            tax_rate_bp INTEGER NOT NULL,
            total_cents INTEGER NOT NULL,
            tax_cents INTEGER NOT NULL)""",
        "CREATE INDEX order_lines_order ON order_lines (order_id, position)",
        f"""CREATE TABLE status_changes (
            id {PK},
            order_id INTEGER NOT NULL REFERENCES orders (id),
            from_status TEXT,
            to_status TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX status_changes_order ON status_changes (order_id)",
        f"""CREATE TABLE stock_movements (
            id {PK},
            product_id INTEGER NOT NULL REFERENCES products (id),
            kind TEXT NOT NULL,
            on_hand_delta INTEGER NOT NULL,
            reserved_delta INTEGER NOT NULL,
            order_id INTEGER REFERENCES orders (id),
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL)""",
        "CREATE INDEX stock_movements_product ON stock_movements (product_id)",
        "CREATE TABLE sequences (name TEXT PRIMARY KEY, last_value INTEGER NOT NULL)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]
    for sql in statements:
        db.execute_sql(sql)


def _v2_search_keys(db: peewee.Database) -> None:
    """Accent- and case-free name keys so name prefix search can use an index."""
    db.execute_sql("ALTER TABLE clients ADD COLUMN search_last TEXT NOT NULL DEFAULT ''")
    db.execute_sql("ALTER TABLE clients ADD COLUMN search_first TEXT NOT NULL DEFAULT ''")
    db.execute_sql("ALTER TABLE products ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    rows = db.execute_sql("SELECT id, first_name, last_name FROM clients").fetchall()
    db.cursor().executemany(
        "UPDATE clients SET search_last = ?, search_first = ? WHERE id = ?",
        [(search_key(last, first), search_key(first, last), id_) for id_, first, last in rows],
    )
    products = db.execute_sql("SELECT id, sku, name FROM products").fetchall()
    db.cursor().executemany(
        "UPDATE products SET name_key = ? WHERE id = ?",
        [(search_key(name), id_) for id_, _sku, name in products],
    )
    db.execute_sql("CREATE INDEX clients_search_last ON clients (search_last)")
    db.execute_sql("CREATE INDEX clients_search_first ON clients (search_first)")
    db.execute_sql("CREATE INDEX products_name_key ON products (name_key)")


def _v3_table_indexes(db: peewee.Database) -> None:
    """The managers' table sorts by channel, and within a status by total or shipping date
    (the biggest open orders, what ships next), from an index rather than a sort step; a
    client's orders carry their status and channel, so sorting by client under a status or
    channel filter checks them in the index instead of reading each order's row."""
    db.execute_sql("CREATE INDEX orders_channel ON orders (channel, created_at)")
    db.execute_sql("DROP INDEX orders_client")
    db.execute_sql("CREATE INDEX orders_client ON orders (client_id, created_at, status, channel)")
    db.execute_sql("CREATE INDEX orders_status_total ON orders (status, total_cents)")
    db.execute_sql("CREATE INDEX orders_status_shipping ON orders (status, shipping_date)")


def _v4_change_counters(db: peewee.Database) -> None:
    """One counter per area, bumped by every write: how other windows notice changes."""
    db.execute_sql("CREATE TABLE change_counters (area TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    for area in ("clients", "orders", "stock"):
        db.execute_sql("INSERT INTO change_counters (area, n) VALUES (?, 0)", (area,))


STEPS: list[Callable[[peewee.Database], None]] = [
    _v1_initial,
    _v2_search_keys,
    _v3_table_indexes,
    _v4_change_counters,
]
SCHEMA_VERSION = len(STEPS)


def schema_version(db: peewee.Database) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def ensure_supported(db: peewee.Database) -> int:
    """Reads the header (fails at once on a file that is not SQLite) and refuses newer files."""
    version = schema_version(db)
    db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            "This database was written by a newer GESTCO (schema {found}, this program "
            "knows up to {known}). Install the newer GESTCO; the file was not changed.",
            found=version,
            known=SCHEMA_VERSION,
        )
    if version == 0 and db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise DatabaseError("This file is an SQLite database of another program, not GESTCO's.")
    return version


def migrate(db: peewee.Database, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing steps up to `target`; returns the version reached."""
    version = ensure_supported(db)
    migrated = version < target
    while version < target:
        step = STEPS[version]
        with db.atomic():
            step(db)
            version += 1
            db.execute_sql(f"PRAGMA user_version = {version}")
    if migrated:
        refresh_statistics(db)
    return version


def refresh_statistics(db: peewee.Database) -> None:
    """Planner statistics for every index. Without them a new index looks very selective
    and SQLite may filter on it, then sort a million rows (seen: 2 s instead of 1 ms)."""
    db.execute_sql("PRAGMA analysis_limit = 1000")  # a sample per index: ms, not s
    db.execute_sql("ANALYZE")
