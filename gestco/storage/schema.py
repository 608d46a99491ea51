"""The whole schema as one list of tables, and the DDL that creates it: the models of
gestco.storage.models (the shop's tables), staff_models (operators, sign-in failures, the audit
trail) and money_models (payments, invoices), parents before children."""

from __future__ import annotations

from typing import Any

import peewee

from gestco.storage import append_only
from gestco.storage.columns import BaseModel
from gestco.storage.figures_models import DailyProducts, DailySales, DailyStatuses
from gestco.storage.models import (
    ChangeCounters,
    ClientNotes,
    Clients,
    ClientTags,
    Imports,
    OrderLines,
    Orders,
    Products,
    SchemaMeta,
    Sequences,
    Settings,
    StatusChanges,
    StockMovements,
    Tags,
)
from gestco.storage.money_models import InvoiceLines, Invoices, Payments
from gestco.storage.staff_models import (
    AuditRow,
    OperatorRow,
    SignInFailureRow,
    append_only_statements,
)

# Every table of the shop's data, parents before children (each foreign key finds its row):
# what migrate-to copies and a server backup must hold.
DATA_MODELS: tuple[type[BaseModel], ...] = (
    Settings,
    Sequences,
    ChangeCounters,
    Clients,
    Products,
    Orders,
    OrderLines,
    StatusChanges,
    StockMovements,
    OperatorRow,
    SignInFailureRow,
    AuditRow,
    Imports,
    Tags,
    ClientTags,
    ClientNotes,
    Payments,
    Invoices,
    InvoiceLines,
    DailySales,
    DailyProducts,
    DailyStatuses,
)
# Only ever inserted: the database refuses an UPDATE or DELETE of them (storage.append_only).
APPEND_ONLY_TABLES = ("payments", "invoices", "invoice_lines")
# The change counters a new database starts with (the settings' own is made on first use).
FIRST_COUNTERS = ("clients", "orders", "stock", "operators")


def schema_statements(database: peewee.Database) -> list[str]:
    """The DDL that creates every table, index and trigger on `database`'s engine, in order."""
    on_server = isinstance(database, peewee.PostgresqlDatabase)
    models = DATA_MODELS + ((SchemaMeta,) if on_server else ())
    statements = []
    for model in models:
        schema: Any = peewee.SchemaManager(model, database=database)  # its DDL, not run yet
        for ctx in (schema._create_table(safe=False), *schema._create_indexes(safe=False)):
            sql, params = ctx.query()
            assert not params, sql  # DDL carries no values: each statement runs as is
            statements.append(sql)
    return (
        statements
        + append_only_statements(on_server)
        + append_only.statements(APPEND_ONLY_TABLES, on_server)
    )


def create_schema(database: peewee.Database) -> None:
    """Today's schema in an empty database, with the rows it starts with. The caller holds
    the transaction and stamps the version."""
    for sql in schema_statements(database):
        database.execute_sql(sql)
    counters = [(area, 0) for area in FIRST_COUNTERS]
    fields = [ChangeCounters.area, ChangeCounters.n]
    database.execute(ChangeCounters.insert_many(counters, fields=fields))
