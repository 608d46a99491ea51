"""French is the shop's language: every string is translated and the French UI shows it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.tools.i18n_scan import ROOT, render

TS = ROOT / "resources" / "translations" / "gestco_fr.ts"


def test_every_core_message_is_listed_for_translation() -> None:
    listed = (ROOT / "ui" / "display" / "core_messages.py").read_text(encoding="utf-8")
    import subprocess

    formatted = (
        subprocess.run(
            [str(Path(ROOT / ".venv" / "bin" / "ruff")), "format", "--stdin-filename", "x.py", "-"],
            input=render(),
            capture_output=True,
            text=True,
        ).stdout
        or render()
    )
    assert listed == formatted, "run `make update-translations` and translate the new entries"


PLURALS = ROOT / "resources" / "translations" / "gestco_en.ts"


def _translations(message: ET.Element) -> list[str]:
    """The translation, or each plural form of a numerus entry ("%n lines")."""
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


@pytest.mark.parametrize("catalogue", [TS, PLURALS], ids=["fr", "en-plurals"])
def test_the_catalogues_are_complete(catalogue: Path) -> None:
    unfinished = [
        m.findtext("source")
        for m in ET.parse(catalogue).getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
        or not all(text.strip() for text in _translations(m))
    ]
    assert unfinished == []


@pytest.mark.parametrize("catalogue", [TS, PLURALS], ids=["fr", "en-plurals"])
def test_translated_placeholders_match_the_english_ones(catalogue: Path) -> None:
    import re

    for message in ET.parse(catalogue).getroot().iter("message"):
        source = message.findtext("source")
        for translation in _translations(message):
            for pattern in (r"\{\w+\}", r"%\d", r"%n"):
                assert sorted(re.findall(pattern, source)) == sorted(
                    re.findall(pattern, translation)
                ), source


@pytest.fixture
def french(qapp):
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, "fr")
    assert translator is not None, "gestco_fr.qm missing: `make translations` builds it"
    yield
    qapp.removeTranslator(translator)


def test_the_french_window(qtbot, tmp_path, french) -> None:
    from gestco.storage import binding
    from tests.support.staff import signed_window

    window = signed_window(str(tmp_path / "fr.sqlite3"))
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "&Identification client",
        "&Nouvelle commande",
        "&Recherche",
        "&Commandes",
        "&Stock",
        "Tableau de bord",
    ]
    tab = window.identify_tab
    tab.phone_edit.setText("12")
    tab.identify()
    assert tab.phone_error.text().startswith("Ce numéro n’existe pas")
    window.new_order_tab.set_client(None)
    assert "identifiez" in window.new_order_tab.client_label.text()
    binding.close_database()


def test_language_follows_the_override(qapp) -> None:
    from ui.runtime.languages import chosen_language

    QSettings().setValue("ui/language", "en")
    assert chosen_language() == "en"
    QSettings().setValue("ui/language", "fr")
    assert chosen_language() == "fr"


def test_the_scan_knows_every_error_class() -> None:
    """A new error class the scan does not know would leave its messages untranslated."""
    import inspect

    from gestco.domain import errors
    from ui.tools.i18n_scan import TEMPLATE_ARG

    classes = {
        name
        for name, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.GestcoError)
    }
    assert classes <= set(TEMPLATE_ARG), classes - set(TEMPLATE_ARG)


def test_the_scan_refuses_a_template_that_is_not_a_literal() -> None:
    """An f-string template (pricing's "… is no longer sold" was one) reaches the screen as a
    text no catalogue holds: shown in English in a French shop. The scan names it."""
    from ui.tools.i18n_scan import scan_source

    refused = {
        "an f-string": 'raise ValidationError("lines[0].product", f"{name} is no longer sold.")',
        "a concatenation": 'raise GestcoError("Cannot open " + path)',
        "a variable": "raise NotFoundError(message)",
    }
    for kind, line in refused.items():
        templates, problems = scan_source(line + "\n", "gestco/x.py")
        assert templates == set(), kind
        assert len(problems) == 1 and problems[0].startswith("gestco/x.py:1: the template"), kind
    assert "is an f-string" in scan_source(refused["an f-string"] + "\n", "x.py")[1][0]

    accepted = (
        'raise ValidationError("lines[0].product", "{product} is no longer sold.", product=n)\n'
        "def _to_decimal(value, field, example):\n"
        "    raise ValidationError(field, example)\n"  # passes on its callers' literal
    )
    assert scan_source(accepted, "x.py") == ({"{product} is no longer sold."}, [])


def test_every_core_template_is_a_literal() -> None:
    from ui.tools.i18n_scan import core_templates

    assert "{product} is no longer sold (inactive)." in core_templates()  # raises otherwise
