"""The language a document is printed in, which need not be the window's (the shop's setting
document_language: a French window may print Arabic invoices): its catalogues, its locale,
its direction, and how its numbers and names are written inside its text.

The labels are looked up in the document's own catalogues (resources/translations/
gestco_<lang>.qm, the "paper" context), loaded here once per process and never installed on
the application, so the window keeps its language. English is the source text. "fr+ar" says
each label in French with the Arabic after it, the page laid out left to right."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from PySide6.QtCore import QLocale, QTranslator

from gestco.domain.documents import BILINGUAL
from gestco.domain.money import format_rate
from ui.display import bidi, formatting
from ui.runtime.resources import resource_path

CONTEXT = "paper"
ARABIC = "ar"

_catalogues: dict[str, QTranslator | None] = {}


def catalogue(language: str) -> QTranslator | None:
    """The language's catalogue, loaded once (None for English: the source text; and for a
    missing file, so a workstation without its .qm still prints, in English)."""
    if language not in _catalogues:
        translator = QTranslator()
        found = language != "en" and translator.load(
            f"gestco_{language}", str(resource_path("translations"))
        )
        _catalogues[language] = translator if found else None
    return _catalogues[language]


class Speech:
    """A document's language: "fr", "en", "ar" or "fr+ar" ("" and None: the window's)."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language or formatting.ui_language()
        self.parts = tuple(self.language.split("+"))
        self.bilingual = self.language == BILINGUAL
        self.rtl = self.parts[0] == ARABIC
        self.locale: QLocale = formatting.locale_of(self.parts[0])
        # HTML alignments are absolute in Qt's rich text (align="left" stays left in a
        # right-to-left block): the start and the end of a line, mirrored in Arabic.
        self.start, self.end = ("right", "left") if self.rtl else ("left", "right")
        self.direction = "rtl" if self.rtl else "ltr"
        # Before a value: French sets its colon off with a (no-break) space, Arabic does not.
        self.colon = ":" if self.rtl else "\u00a0:"

    # --- the labels ---------------------------------------------------------------------
    def said(self, source: str) -> list[str]:
        """The label in each of the document's languages, once when they write it alike
        ("ICE", "TVA")."""
        said: list[str] = []
        for part in self.parts:
            text = _translated(part, source)
            if text not in said:
                said.append(text)
        return said

    def text(self, source: str, between: str = " / ") -> str:
        """The label as plain text, on one line: "Facture / فاتورة" in both languages."""
        first, *others = self.said(source)
        return between.join([first, *(bidi.rtl(other) for other in others)])

    def html(
        self, source: str, *, upper: bool = False, inline: bool = False, suffix: str = ""
    ) -> str:
        """The label as HTML; in both languages the Arabic under the French (`inline`: after
        it, for a sentence or a short line). `suffix` (HTML) follows the first language's."""
        first, *others = self.said(source)
        parts = [escape(first.upper() if upper else first) + suffix]
        parts.extend(escape(bidi.rtl(other)) for other in others)
        return (" / " if inline else "<br>").join(parts)

    # --- what the labels say ------------------------------------------------------------
    def number(self, text: str) -> str:
        """A phone, a document's number, a SKU, an identifier: one left-to-right piece."""
        return bidi.ltr_in(text, right_to_left=self.rtl)

    def name(self, text: str) -> str:
        """A client's, a product's, the shop's name, or a line someone typed: isolated, so
        its direction does not carry over to the number after it."""
        return bidi.name_in(text, right_to_left=self.rtl)

    def item(self, text: str) -> str:
        """One piece of a list written on a line ("ICE : 0015…" among the identifiers), never
        broken across two lines, and laid out in the document's direction as a whole: in an
        Arabic one, a piece starting with a Latin label would otherwise run on into the next.
        `text` is HTML without tags (its spaces become no-break ones)."""
        whole = text.replace(" ", "\u00a0")
        return bidi.rtl(whole) if self.rtl else whole

    def money(self, cents: int) -> str:
        """Integer cents -> '1 234,50' in the document's language (exact: no float)."""
        units, rest = divmod(abs(cents), 100)
        sign = "-" if cents < 0 else ""
        whole = self.locale.toString(units)
        return self.number(f"{sign}{whole}{self.locale.decimalPoint()}{rest:02d}")

    def rate(self, points: int) -> str:
        text = format_rate(points).replace(".", self.locale.decimalPoint())
        return self.number(f"{text}\u00a0%")

    def count(self, value: int) -> str:
        return self.number(self.locale.toString(value))

    def day(self, value: date) -> str:
        return self.number(formatting.day(value))

    def moment(self, value: datetime) -> str:
        return self.number(formatting.moment(value))


def _translated(language: str, source: str) -> str:
    translator = catalogue(language)
    if translator is None:
        return source
    return translator.translate(CONTEXT, source) or source
