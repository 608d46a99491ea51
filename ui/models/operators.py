"""The operators screen's table: one operator per row (the disabled ones too), with their
wrong attempts in a row (five and more: their sign-in waits)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from gestco.domain.staff import Operator
from ui.display import formatting
from ui.display.labels import role_label
from ui.models.base import ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "OperatorLine", "OperatorsModel"]


@dataclass(frozen=True, slots=True)
class OperatorLine:
    operator: Operator
    wrong_attempts: int


class Column(IntEnum):
    USERNAME = 0
    NAME = 1
    ROLE = 2
    ACTIVE = 3
    PIN = 4
    LAST_SIGN_IN = 5
    WRONG_ATTEMPTS = 6


class OperatorsModel(RowsTableModel):
    columns = Column
    ltr_columns = frozenset({Column.USERNAME, Column.LAST_SIGN_IN, Column.WRONG_ATTEMPTS})
    name_columns = frozenset({Column.NAME})

    def header(self, column: Column) -> str:
        return {
            Column.USERNAME: self.tr("Username"),
            Column.NAME: self.tr("Name shown"),
            Column.ROLE: self.tr("Role"),
            Column.ACTIVE: self.tr("Active"),
            Column.PIN: self.tr("PIN"),
            Column.LAST_SIGN_IN: self.tr("Last sign-in"),
            Column.WRONG_ATTEMPTS: self.tr("Wrong attempts"),
        }[column]

    def cell(self, line: OperatorLine, column: Column, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        operator = line.operator
        if column == Column.USERNAME:
            return operator.username
        if column == Column.NAME:
            return operator.display_name
        if column == Column.ROLE:
            return role_label(operator.role)
        if column == Column.ACTIVE:
            return self.tr("yes") if operator.active else self.tr("disabled")
        if column == Column.PIN:
            return self.tr("set") if operator.has_pin else "—"
        if column == Column.LAST_SIGN_IN:
            last = operator.last_sign_in_at
            return formatting.moment(last) if last else self.tr("never")
        return str(line.wrong_attempts) if line.wrong_attempts else ""

    def row_for(self, username: str) -> int:
        """The row of `username` (-1: none)."""
        key = username.casefold()
        for row, line in enumerate(self._rows):
            if line.operator.username.casefold() == key:
                return row
        return -1
