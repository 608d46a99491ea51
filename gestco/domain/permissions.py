"""Who may do what, written as data: each permission names the roles that hold it.

A fourth role is one more `Role` member and its name on the lines of the permissions it gets;
nothing else changes. The core checks these before every write (gestco.services.session.require);
the screens read the same table to hide or disable what a role cannot do (`allowed`), so a
button and the service behind it never disagree.

No I/O here (the domain layer).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """An operator's role; the value is what the database stores and the CLI takes."""

    COUNTER = "counter"  # the counter clerk
    MANAGER = "manager"  # the shop's manager (gérant)
    ADMIN = "admin"  # operators, the database connection, backups and restore


class Permission(StrEnum):
    """One thing the core refuses to do for a role that lacks it. The value is stable: it is
    what PermissionDenied carries and what the screens translate (ui.display.labels)."""

    CLIENT_CREATE = "client.create"  # identify and record a client
    CLIENT_EDIT = "client.edit"
    CLIENT_NOTE = "client.note"  # add a note or a contact to a client's timeline
    CLIENT_TAG = "client.tag"  # give a client a tag, or take it off
    CLIENT_CONSENT = "client.consent"  # record a client's marketing consent, or its withdrawal
    CLIENT_ANONYMISE = "client.anonymise"  # erase a client's identity (data rights, irreversible)
    ORDER_CREATE = "order.create"
    ORDER_EDIT = "order.edit"  # a pending order's lines; an order's channel, dates, address, notes
    ORDER_STATUS = "order.status"  # pending -> processing / on hold, and back
    ORDER_SHIP = "order.ship"  # shipped, delivered (the goods leave the stock)
    ORDER_CANCEL = "order.cancel"
    ORDER_DISCOUNT = "order.discount"  # a line's discount above the shop's threshold
    ORDER_PRICE = "order.price"  # a line's unit price other than the catalogue's
    PRODUCT_EDIT = "product.edit"  # products and their prices
    STOCK_RECEIVE = "stock.receive"
    STOCK_CORRECT = "stock.correct"
    EXPORT = "export"  # orders, clients, the reorder list to CSV or XLSX
    IMPORT = "import"  # orders and clients from shops' and contacts' files
    SETTINGS_EDIT = "settings.edit"  # the shop's settings
    SHOP_IDENTITY_EDIT = "shop.identity"  # name, address, legal identifiers, documents' footer
    PAYMENT_RECORD = "payment.record"  # a deposit or a payment on an order
    PAYMENT_REFUND = "payment.refund"  # money given back (a negative payment, with a reason)
    INVOICE_ISSUE = "invoice.issue"  # an invoice from an order (numbered, never changed)
    CREDIT_NOTE_ISSUE = "credit_note.issue"  # a credit note correcting an invoice
    INVOICES_VIEW = "invoices.view"  # the invoices list and its export
    AUDIT_VIEW = "audit.view"  # read and export the audit trail
    VIEW_FIGURES = "figures.view"  # the shop's figures: the dashboard, `gestco report`
    OPERATORS_MANAGE = "operators.manage"  # add operators, passwords, roles, disable
    DATABASE_CONNECTION = "database.connection"  # point the workstation at another database
    BACKUP_RESTORE = "backup.restore"  # put a backup in place of the database


_COUNTER = frozenset({Role.COUNTER, Role.MANAGER, Role.ADMIN})
_MANAGER = frozenset({Role.MANAGER, Role.ADMIN})
_ADMIN = frozenset({Role.ADMIN})

# permission -> the roles that hold it (issue 17's table).
ROLES_OF: dict[Permission, frozenset[Role]] = {
    Permission.CLIENT_CREATE: _COUNTER,
    Permission.CLIENT_EDIT: _COUNTER,
    Permission.CLIENT_NOTE: _COUNTER,
    Permission.CLIENT_TAG: _COUNTER,
    Permission.CLIENT_CONSENT: _COUNTER,
    Permission.CLIENT_ANONYMISE: _MANAGER,
    Permission.ORDER_CREATE: _COUNTER,
    Permission.ORDER_EDIT: _COUNTER,
    Permission.ORDER_STATUS: _COUNTER,
    Permission.ORDER_SHIP: _MANAGER,
    Permission.ORDER_CANCEL: _MANAGER,
    Permission.ORDER_DISCOUNT: _MANAGER,
    Permission.ORDER_PRICE: _MANAGER,
    Permission.PRODUCT_EDIT: _MANAGER,
    Permission.STOCK_RECEIVE: _MANAGER,
    Permission.STOCK_CORRECT: _MANAGER,
    Permission.EXPORT: _MANAGER,
    # An import creates, ships and cancels orders and prices their lines as the shop did:
    # only roles holding all of that hold it (tests/services/test_permissions.py).
    Permission.IMPORT: _MANAGER,
    Permission.SETTINGS_EDIT: _MANAGER,
    Permission.SHOP_IDENTITY_EDIT: _MANAGER,
    # The counter takes deposits and payments and hands out the invoice of an order; money
    # going back and corrections of an issued invoice are a manager's (issue 19).
    Permission.PAYMENT_RECORD: _COUNTER,
    Permission.PAYMENT_REFUND: _MANAGER,
    Permission.INVOICE_ISSUE: _COUNTER,
    Permission.CREDIT_NOTE_ISSUE: _MANAGER,
    Permission.INVOICES_VIEW: _MANAGER,
    Permission.AUDIT_VIEW: _MANAGER,
    Permission.VIEW_FIGURES: _MANAGER,
    Permission.OPERATORS_MANAGE: _ADMIN,
    Permission.DATABASE_CONNECTION: _ADMIN,
    Permission.BACKUP_RESTORE: _ADMIN,
}

# What a clerk may still do on the spot when an operator who holds it approves with a PIN
# (one small dialog at the counter); the change then records both names.
APPROVABLE: frozenset[Permission] = frozenset({Permission.ORDER_CANCEL, Permission.ORDER_DISCOUNT})

# Status targets -> the permission the move needs (the status machine is gestco.domain.records).
STATUS_PERMISSION: dict[str, Permission] = {
    "pending": Permission.ORDER_STATUS,
    "processing": Permission.ORDER_STATUS,
    "on_hold": Permission.ORDER_STATUS,
    "shipped": Permission.ORDER_SHIP,
    "delivered": Permission.ORDER_SHIP,
    "cancelled": Permission.ORDER_CANCEL,
}


# What each permission lets one do, in English (the CLI's messages; the screens translate
# the permission's code: ui.display.labels).
DESCRIPTIONS: dict[Permission, str] = {
    Permission.CLIENT_CREATE: "record a client",
    Permission.CLIENT_EDIT: "change a client",
    Permission.CLIENT_NOTE: "add a note to a client",
    Permission.CLIENT_TAG: "tag a client",
    Permission.CLIENT_CONSENT: "record a client's marketing consent",
    Permission.CLIENT_ANONYMISE: "anonymise a client",
    Permission.ORDER_CREATE: "create an order",
    Permission.ORDER_EDIT: "change an order",
    Permission.ORDER_STATUS: "move an order between pending, processing and on hold",
    Permission.ORDER_SHIP: "ship or deliver an order",
    Permission.ORDER_CANCEL: "cancel an order",
    Permission.ORDER_DISCOUNT: "give a discount above the shop's threshold",
    Permission.ORDER_PRICE: "change a line's price",
    Permission.PRODUCT_EDIT: "change products and prices",
    Permission.STOCK_RECEIVE: "receive stock",
    Permission.STOCK_CORRECT: "correct the stock",
    Permission.EXPORT: "export",
    Permission.IMPORT: "import orders and clients from files",
    Permission.SETTINGS_EDIT: "change the shop's settings",
    Permission.SHOP_IDENTITY_EDIT: "change the shop's name, address and legal identifiers",
    Permission.PAYMENT_RECORD: "record a payment",
    Permission.PAYMENT_REFUND: "refund a client",
    Permission.INVOICE_ISSUE: "issue an invoice",
    Permission.CREDIT_NOTE_ISSUE: "issue a credit note",
    Permission.INVOICES_VIEW: "list and export the invoices",
    Permission.AUDIT_VIEW: "read the audit trail",
    Permission.VIEW_FIGURES: "see the shop's figures",
    Permission.OPERATORS_MANAGE: "manage operators",
    Permission.DATABASE_CONNECTION: "change the database connection",
    Permission.BACKUP_RESTORE: "restore a backup",
}


def allowed(role: Role | str, permission: Permission) -> bool:
    """Whether `role` holds `permission` (an unknown role holds nothing)."""
    return role in ROLES_OF[permission]


def permissions_of(role: Role | str) -> frozenset[Permission]:
    """Everything `role` may do: what the screens enable after a sign-in."""
    return frozenset(p for p, roles in ROLES_OF.items() if role in roles)


def roles_holding(permission: Permission) -> tuple[Role, ...]:
    """The roles that hold `permission`, lowest first (for a refusal's message)."""
    return tuple(role for role in Role if role in ROLES_OF[permission])
