"""Small building blocks for keyboard-first forms with inline messages."""

from __future__ import annotations

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from gestco.domain.errors import GestcoError, ValidationError
from ui.display import bidi
from ui.display.errors import describe


def press_focused_button(event: QKeyEvent, window: QWidget) -> bool:
    """Return or Enter (the keypad's too) on the focused button of `window` presses it, as
    Space does: Qt does so only inside dialogs. For a window's keyPressEvent: a key reaches
    the window only when the focused widget did not take it, so fields, lists and tables
    keep their own Return. True when a button was pressed."""
    focused = QApplication.focusWidget()
    if (
        event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        == Qt.KeyboardModifier.NoModifier
        and isinstance(focused, QPushButton | QToolButton)
        and focused.window() is window
        and focused.isEnabled()
    ):
        focused.click()
        event.accept()
        return True
    return False


def suggestion_list(completer: QCompleter) -> QAbstractItemView:
    """The list a popup completer shows. Qt makes one when first asked and returns none only
    in inline completion, which no field here uses (so the stub's `| None` never happens)."""
    popup = completer.popup()
    if popup is None:
        raise RuntimeError("an inline completer has no suggestion list")
    return popup


def pop_up_suggestions(completer: QCompleter, field: QWidget, texts: list[str]) -> None:
    """Open `completer`'s list under `field`, as wide as its longest suggestion needs (within
    the screen): a list cut at the field's width makes variants look the same. A minimum
    width, because the field re-opens the list at its own width as it is typed in."""
    popup = suggestion_list(completer)
    metrics = popup.fontMetrics()
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    chrome = popup.verticalScrollBar().sizeHint().width() + 2 * popup.frameWidth() + 16
    screen = field.screen()
    room = screen.availableGeometry().width() if screen else widest + chrome
    popup.setMinimumWidth(min(max(field.width(), widest + chrome), room))
    completer.complete()


def show_message(label: QLabel, text: str, kind: str) -> None:
    """Text in `label`, styled by its kind (error, warning, info, success: gestco.qss)."""
    label.setProperty("kind", kind)
    label.style().unpolish(label)  # a dynamic property changes the style only once re-polished
    label.style().polish(label)
    # ...and a frame takes its new border and padding only when told: a label made as an
    # error line (none) shown as a success box kept no margins, its text on the border (in
    # the Arabic window on the right, where the line starts: seen under Xvfb).
    label.setFrameStyle(label.frameStyle())
    label.setText(text)
    label.show()


def message_label(name: str, parent: QWidget, *, kind: str = "error") -> QLabel:
    """A hidden label for an inline message next to a field (or a banner above a form)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setProperty("kind", kind)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    # As high as its text, never more: alone on a page it must not become a page-high box.
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    label.hide()
    return label


def set_read_only(widget: QLineEdit | QAbstractSpinBox, read_only: bool) -> None:
    """Read-only or not, and looking it (gestco.qss): a style follows a property only once
    the widget is polished again (a switch from a manager to a clerk changes it on screen)."""
    if widget.isReadOnly() == read_only:
        return
    widget.setReadOnly(read_only)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def left_to_right(*fields: QWidget) -> None:
    """Fields holding a phone, a SKU, an amount, a quantity, a number, an e-mail, a tax id:
    typed and read left to right in the Arabic window too (mirrored, "06 12 34" would grow
    from the right edge and its cursor keys run backwards). Their alignment is kept: an
    amount stays against the field's right edge."""
    for field in fields:
        field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def field_row(parent: QWidget, caption: str, field: QWidget, *after: QWidget) -> QHBoxLayout:
    """'Caption: [field……] [buttons]': the caption is the field's buddy (Alt+letter)."""
    row = QHBoxLayout()
    label = QLabel(caption, parent)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field, 1)
    for widget in after:
        row.addWidget(widget)
    return row


class InlineMessages:
    """Routes a core error to the label of the field it names, or to the form's banner."""

    def __init__(self, banner: QLabel) -> None:
        self.banner = banner
        self.labels: dict[str, QLabel] = {}
        self._named: dict[str, str] = {}

    def add(self, field: str, label: QLabel, *, named: str = "") -> QLabel:
        """`named`: a template ('Notes: %1') that names the field in its message, for a
        label that cannot sit close enough to its field to be read as its own."""
        self.labels[field] = label
        if named:
            self._named[field] = named
        return label

    def clear(self) -> None:
        for label in (self.banner, *self.labels.values()):
            label.clear()
            label.hide()

    def show_error(self, error: GestcoError) -> str:
        """Show `error` beside its field; returns the field name used ('' for the banner)."""
        self.clear()
        text = describe(error)
        field = error.field if isinstance(error, ValidationError) else ""
        key = field.split(".")[-1] if field.startswith("lines[") else field
        label = self.labels.get(field) or self.labels.get(key) or self.banner
        named = self._named.get(field) or self._named.get(key)
        # show_message re-polishes: the label is never left in the last message's colour
        show_message(label, named.replace("%1", bidi.name(text)) if named else text, "error")
        return field if label is not self.banner else ""

    def show_banner(self, text: str, kind: str = "info") -> None:
        self.clear()
        show_message(self.banner, text, kind)

    def forget_success(self) -> None:
        """The form is being changed again: a past success ("Order … saved.") no longer
        speaks of what is on screen and goes; a warning or an error stays."""
        if self.banner.property("kind") in ("success", "info"):
            self.banner.hide()


def forget_success_when_edited(
    messages: InlineMessages, within: QWidget, *edited: SignalInstance
) -> None:
    """Each of `edited` (a field typed in, a list picked from) makes `messages` forget a past
    success while the focus is `within` the form: the clerk is changing it again (a signal a
    screen also sends as it fills the form, with the focus elsewhere, leaves it)."""

    def on_edited() -> None:
        focused = QApplication.focusWidget()
        if focused is not None and within.isAncestorOf(focused):
            messages.forget_success()

    for signal in edited:
        signal.connect(on_edited)


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """The size a dialog opens at, never more than its screen's room (the audit trail opened
    1,100 px wide on a 1,024 px screen: its right columns and buttons off the screen)."""
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() * 19 // 20), min(height, room.height() * 9 // 10)
    window.resize(width, height)
