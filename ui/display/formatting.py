"""Numbers, money and dates the way the shop reads them (the UI language's conventions)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from gestco.domain.money import format_rate


def ui_language() -> str:
    """ "fr", "en" or "ar": the language the interface runs in."""
    # Each catalogue translates this marker with its language's name; without a catalogue
    # the UI is English (the source strings are).
    marker = QCoreApplication.translate("formatting", "English")
    return {"French": "fr", "Arabic": "ar"}.get(marker, "en")


def ui_locale() -> QLocale:
    """The interface language's conventions: French (France), British English, Arabic
    (Morocco: Western digits, a decimal comma, a dot between thousands)."""
    return locale_of(ui_language())


def locale_of(language: str) -> QLocale:
    if language == "ar":
        return QLocale(QLocale.Language.Arabic, QLocale.Country.Morocco)
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.French, QLocale.Country.France)


def money(cents: int, currency: str = "") -> str:
    """Integer cents -> '1 234,50' (exact: no float on the way)."""
    locale = ui_locale()
    units, rest = divmod(abs(cents), 100)
    text = f"{'-' if cents < 0 else ''}{locale.toString(units)}{locale.decimalPoint()}{rest:02d}"
    return f"{text}\u00a0{currency}" if currency else text


def rate(points: int) -> str:
    return f"{format_rate(points).replace('.', ui_locale().decimalPoint())}\u00a0%"


# One convention per language, the same in the tables and in the fields where dates are
# typed: French and British English (the English UI's locale) both write day/month/year.
# The CLI's exports keep ISO 8601 (a machine format).
DATE_FORMAT = "dd/MM/yyyy"  # Qt's pattern, for the date fields
_DAY = "%d/%m/%Y"


def day(value: date) -> str:
    return value.strftime(_DAY)


def moment(value: datetime) -> str:
    return value.strftime(f"{_DAY} %H:%M")


def count(value: int) -> str:
    return ui_locale().toString(value)


def duration(seconds: int) -> str:
    """A wait as a person reads it: 30 s, 1 min, 4 min 30 s, 1 h, 1 h 5 min (the same
    symbols in French and in English)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"
