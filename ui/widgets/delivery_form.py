"""The new order's delivery: channel, shipping date, address and remarks, each with its
message beside it. A strip under the lines, across the screen: in a column beside the
lines it left most of a large screen empty under it, and took width from the lines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from gestco.domain.records import CHANNELS
from ui.display.labels import channel_label
from ui.widgets.date_field import DateField
from ui.widgets.forms import InlineMessages, message_label


class DeliveryForm(QGroupBox):
    def __init__(self, *, messages: InlineMessages, parent: QWidget | None = None) -> None:
        """`messages`: the order's; the core's errors about these fields go beside them."""
        super().__init__(parent)
        self.setTitle(self.tr("Delivery"))
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("channelCombo")
        for code in CHANNELS:
            self.channel_combo.addItem(channel_label(code), code)
        self.shipping_date = DateField(name="shippingDateEdit", parent=self, message_below=False)
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setObjectName("shippingAddressEdit")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setObjectName("orderNotesEdit")
        messages.add("shipping_date", self.shipping_date.error)
        self.address_error = messages.add(
            "shipping_address",
            message_label("shippingAddressError", self),
            named=self.tr("Shipping address: %1"),
        )
        self.notes_error = messages.add(
            "notes", message_label("orderNotesError", self), named=self.tr("Remarks: %1")
        )
        # Channel and date, the remarks under them; the address (three lines) on the right.
        # The date's message has a row of its own under the date and its caption: inside
        # the date's narrow column it wrapped to three lines and lifted the field above its
        # caption (seen under Xvfb). An empty row takes no height.
        grid = QGridLayout(self)
        grid.addWidget(self._caption(self.tr("&Channel"), self.channel_combo), 0, 0)
        grid.addWidget(self.channel_combo, 0, 1)
        grid.addWidget(self._caption(self.tr("Shipping &date"), self.shipping_date), 0, 2)
        grid.addWidget(self.shipping_date, 0, 3)
        grid.addWidget(self.shipping_date.error, 1, 2, 1, 2)
        grid.addWidget(self._caption(self.tr("Remar&ks"), self.notes_edit), 2, 0)
        grid.addWidget(self.notes_edit, 2, 1, 1, 3)
        grid.addWidget(self.notes_error, 3, 1, 1, 3)
        grid.addWidget(self._caption(self.tr("Shippin&g address"), self.address_edit), 0, 4)
        grid.addWidget(self.address_edit, 0, 5, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.address_error, 3, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(5, 2)
        grid.setHorizontalSpacing(12)

    def _caption(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        return label
