"""The offer of an order left unfinished (GESTCO stopped, or its operator let another one
sign in): a banner with Restore and Discard, above the new order. Several kept orders are
offered one after the other."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.display import bidi
from ui.widgets.forms import message_label


class DraftOffer(QWidget):
    restore_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = message_label("draftBanner", self, kind="warning")
        self.restore_button = QPushButton(self.tr("R&estore it"), self)
        self.restore_button.setObjectName("restoreDraftButton")
        self.discard_button = QPushButton(self.tr("Discard"), self)
        self.discard_button.setObjectName("discardDraftButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.restore_button.clicked.connect(self.restore_requested)
        self.discard_button.clicked.connect(self.discard_requested)
        self.set_shown(False)

    def offer(self, client_name: str, lines: int, *, reason: str = "", others: int = 0) -> None:
        """`reason`: why it was kept ("away": its operator let another one sign in;
        "aside": put aside when another kept order was restored; else GESTCO stopped).
        `others`: how many more kept orders wait after this one."""
        # %n: Qt's plural forms ("1 line", "2 lines"; in French "1 ligne", "2 lignes")
        if reason == "away":
            text = self.tr("Your order for %1 (%n lines) was kept while you were away.", "", lines)
        elif reason == "aside":
            text = self.tr(
                "Your order for %1 (%n lines) was put aside when you restored another one.",
                "",
                lines,
            )
        else:
            text = self.tr(
                "An order for %1 (%n lines) was being keyed when GESTCO stopped.", "", lines
            )
        text = text.replace("%1", bidi.name(client_name))
        if others:
            text += " " + self.tr("%n more unfinished orders wait after this one.", "", others)
        self.banner.setText(text)
        self.set_shown(True)

    def set_shown(self, shown: bool) -> None:
        for widget in (self.banner, self.restore_button, self.discard_button):
            widget.setVisible(shown)
        self.setVisible(shown)

    @property
    def shown(self) -> bool:
        return not self.isHidden()
