"""The core's services as the screens get them (`MainWindow.services`), as typed objects.

One class per service module, naming what the screens call of it. Each attribute is the
core function itself seen through `AppSignals.reporting`: the same signature (a ParamSpec
wrapper), so mypy checks every call a screen makes against the core, an editor's "go to
definition" goes from the screen to the line below and from there to the core's function,
and what a write reports is published as the window's change notice. A screen needs a
service that is not listed: add one line here.

Why classes and not Protocols: a Protocol would restate every signature (written twice, and
"go to definition" would stop at the copy); these attributes take theirs from the functions.
"""

from __future__ import annotations

from gestco.services import (
    audit,
    client_imports,
    client_rights,
    clients,
    export,
    export_vcard,
    figures,
    import_reports,
    invoice_list,
    invoices,
    operators,
    order_imports,
    orders,
    paper,
    payments,
    relationship,
    session,
    settings,
    shop_logo,
    stock,
    watch_setting,
)
from ui.runtime.signals import AppSignals


class ClientServices:
    """gestco.services.clients, as the screens call it."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.identify = reporting(clients.identify)
        self.get_client = reporting(clients.get_client)
        self.search_clients = reporting(clients.search_clients)
        self.client_orders = reporting(clients.client_orders)
        self.client_stats = reporting(clients.client_stats)
        self.create_client = reporting(clients.create_client)
        self.update_client = reporting(clients.update_client)


class RelationshipServices:
    """gestco.services.relationship and client_rights (a client's timeline, tags, consent,
    data rights), as the client page calls them."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.timeline = reporting(relationship.timeline)
        self.add_note = reporting(relationship.add_note)
        self.relationship = reporting(relationship.relationship)
        self.all_tags = reporting(relationship.all_tags)
        self.add_tag = reporting(relationship.add_tag)
        self.remove_tag = reporting(relationship.remove_tag)
        self.set_marketing_consent = reporting(relationship.set_marketing_consent)
        self.search_tagged = reporting(relationship.search_tagged)
        self.count_tagged = reporting(relationship.count_tagged)
        self.client_data = client_rights.client_data  # a read
        self.write_client_data = client_rights.write_client_data
        self.anonymise_client = reporting(client_rights.anonymise_client)


class OrderServices:
    """gestco.services.orders, as the screens call it."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.get_order = reporting(orders.get_order)
        self.get_order_by_id = reporting(orders.get_order_by_id)
        self.create_order = reporting(orders.create_order)
        self.save_order_changes = reporting(orders.save_order_changes)


class PaymentServices:
    """gestco.services.payments: an order's payments, refunds and balance due."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.list_payments = reporting(payments.list_payments)
        self.balance = reporting(payments.balance)
        self.record_payment = reporting(payments.record_payment)


class StockServices:
    """gestco.services.stock, as the screens call it."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.get_products = reporting(stock.get_products)
        self.list_products = reporting(stock.list_products)
        self.search_products = reporting(stock.search_products)
        self.product_movements = reporting(stock.product_movements)
        self.reorder_count = reporting(stock.reorder_count)
        self.create_product = reporting(stock.create_product)
        self.update_product = reporting(stock.update_product)
        self.receive_stock = reporting(stock.receive_stock)
        self.adjust_stock = reporting(stock.adjust_stock)


class SettingsServices:
    """gestco.services.settings, as the screens call it."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.get_setting = reporting(settings.get_setting)
        self.region = reporting(settings.region)
        self.allow_oversell = reporting(settings.allow_oversell)
        self.set_setting = reporting(settings.set_setting)
        # this workstation's watched folder (gestco.services.watch_setting)
        self.watch_choice = watch_setting.current_choice
        self.check_watched_folder = watch_setting.checked_folder
        self.choose_watched_folder = watch_setting.choose


class ShopServices:
    """The shop's identity and logo (gestco.services.settings, shop_logo): Tools › Shop
    details… (managers)."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.shop_identity = settings.shop_identity
        self.set_shop_identity = reporting(settings.set_shop_identity)
        self.missing_identifiers = settings.missing_identifiers
        self.shop_logo = shop_logo.shop_logo
        self.set_shop_logo = reporting(shop_logo.set_shop_logo)
        # the documents' language, a setting of the shop's printed beside its identity
        self.document_language = settings.document_language
        self.set_setting = reporting(settings.set_setting)


class InvoiceServices:
    """gestco.services.invoices and invoice_list: issuing from the order view, the credit
    note dialog, Tools › Invoices… (its export runs off the window's thread)."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.issue_invoice = reporting(invoices.issue_invoice)
        self.issue_credit_note = reporting(invoices.issue_credit_note)
        self.get_document = invoices.get_document
        self.left_to_credit = invoices.left_to_credit
        self.documents_of_order = invoices.documents_of_order
        self.list_invoices = invoice_list.list_invoices
        self.invoices_in_worker = invoice_list.invoices_in_worker


class ExportServices:
    """gestco.services.export's writers, as the screens call them. They only read the database (no
    change to publish) and run off the window's thread (ui.export_job)."""

    def __init__(self) -> None:
        self.orders_in_worker = export.orders_in_worker
        self.clients_in_worker = export_vcard.clients_in_worker  # CSV, XLSX or vCards
        self.write_file = export.write_file
        self.reorder_rows = export.reorder_rows


class FigureServices:
    """gestco.services.figures: the manager's dashboard (Permission.VIEW_FIGURES). Reads only;
    `figures` runs on a worker thread inside `in_worker`, which gives the thread its own
    connection and closes it after (the same as an import's preview); the PDF is written
    by the papers' writer (checked target, written beside it and renamed)."""

    def __init__(self) -> None:
        self.figures = figures.figures
        self.presets = figures.presets
        self.in_worker = import_reports.in_worker
        self.write_pdf = paper.write_pdf


class SessionServices:
    """gestco.services.session (who is signed in here) and the operators the sign-in
    screens need (the first administrator), as the screens call them."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.sign_in = session.sign_in
        self.sign_in_pin = session.sign_in_pin
        self.approve = session.approve
        self.lock = session.lock
        self.sign_out = session.sign_out
        self.current = session.current
        self.locked_by = session.locked_by
        self.can = session.can
        self.on_signed_out = session.on_signed_out
        self.needs_first_admin = operators.needs_first_admin
        self.create_first_admin = reporting(operators.create_first_admin)
        self.list_operators = operators.list_operators


class OperatorServices:
    """gestco.services.operators: the operators screen (administrators)."""

    def __init__(self, signals: AppSignals) -> None:
        reporting = signals.reporting
        self.list_operators = operators.list_operators
        self.get_operator = operators.get_operator
        self.wrong_attempts = operators.wrong_attempts
        self.create_operator = reporting(operators.create_operator)
        self.update_operator = reporting(operators.update_operator)
        self.set_password = reporting(operators.set_password)
        self.set_pin = reporting(operators.set_pin)
        self.unlock = reporting(operators.unlock)


class AuditServices:
    """gestco.services.audit: the audit screen (managers and up) and one record's trail.
    Reads only; the export runs off the window's thread (ui.runtime.export_job)."""

    def __init__(self) -> None:
        self.list_events = audit.list_events
        self.record_trail = audit.record_trail
        self.audit_in_worker = audit.audit_in_worker


class ImportServices:
    """gestco.services.order_imports and client_imports (managers and up). The preview and
    the import run off the window's thread (ui.runtime.import_job, through `in_worker`); what
    an import wrote is published from the window's thread when it is done."""

    def __init__(self, signals: AppSignals) -> None:
        self.preview_orders = order_imports.preview
        self.import_orders = order_imports.run
        self.preview_clients = client_imports.preview
        self.import_clients = client_imports.run
        self.in_worker = import_reports.in_worker
        self.list_imports = import_reports.list_imports
        self.publish = signals.publish


class Services:
    """All the screens' services, made once by the main window."""

    def __init__(self, signals: AppSignals) -> None:
        self.clients = ClientServices(signals)
        self.relationship = RelationshipServices(signals)
        self.orders = OrderServices(signals)
        self.payments = PaymentServices(signals)
        self.stock = StockServices(signals)
        self.settings = SettingsServices(signals)
        self.shop = ShopServices(signals)
        self.invoices = InvoiceServices(signals)
        self.export = ExportServices()
        self.figures = FigureServices()
        self.session = SessionServices(signals)
        self.audit = AuditServices()
        self.imports = ImportServices(signals)
        self.operators = OperatorServices(signals)
