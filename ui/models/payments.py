"""One order's payments and refunds, oldest first: date, method, amount, reference or
reason, operator (a short list held in memory)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from gestco.domain.payments import Payment
from ui.display import bidi, formatting
from ui.display.payment_words import method_label
from ui.models.base import RIGHT, RowsTableModel


class Column(IntEnum):
    DATE = 0
    METHOD = 1
    AMOUNT = 2
    REFERENCE = 3
    OPERATOR = 4


class PaymentsModel(RowsTableModel):
    columns = Column
    ltr_columns = frozenset({Column.DATE, Column.AMOUNT})
    name_columns = frozenset({Column.REFERENCE, Column.OPERATOR})

    def header(self, column: Column) -> str:
        return {
            Column.DATE: self.tr("Date"),
            Column.METHOD: self.tr("Method"),
            Column.AMOUNT: self.tr("Amount"),
            Column.REFERENCE: self.tr("Reference or reason"),
            Column.OPERATOR: self.tr("By"),
        }[column]

    def cell(self, payment: Payment, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.DATE: lambda: formatting.day(payment.paid_on),
                Column.METHOD: lambda: method_label(payment.method),
                Column.AMOUNT: lambda: formatting.money(payment.amount_cents),
                Column.REFERENCE: lambda: " · ".join(
                    part for part in (payment.reference, payment.reason) if part
                ),
                Column.OPERATOR: lambda: payment.created_by,
            }[column]()
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.DATE:
            return self.tr("Recorded %1").replace(
                "%1", bidi.ltr(formatting.moment(payment.created_at))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.AMOUNT:
            return RIGHT
        return None
