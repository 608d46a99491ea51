"""`gestco document slip|delivery|receipt|invoice|credit NUMBER --output FILE.pdf`: a document
as a PDF, headless. The content comes from the core (gestco.services.paper), the rendering
from Qt (ui.printing), offscreen: no window opens, no display is needed. The core's CLI
runs it as one of its own commands (gestco.cli.Extension): the same sign-in as the owner,
the same one-line errors and exit codes (0 written; 1 no such order or document, or
identifiers the shop lacks; 2 refused input: a bad number, an --output that is not a PDF,
is the database or another program's file; 3 the file could not be written).

    gestco document slip CMD-2026-000042 --output bon.pdf
    gestco document invoice CMD-2026-000042 -o facture.pdf   (issues the invoice if none)
    gestco document invoice FAC-2026-000007 -o facture.pdf
    gestco document invoice FAC-2026-000007 -o facture.pdf --language fr+ar
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import Any

from gestco.cli import Extension
from gestco.domain.documents import DOCUMENT_LANGUAGES
from gestco.domain.legal_identity import DocumentKind

KINDS = tuple(kind.value for kind in DocumentKind)


def add_parser(commands: Any) -> None:
    document = commands.add_parser(
        "document", help="a slip, delivery note, receipt, invoice or credit note as a PDF"
    )
    document.add_argument("kind", choices=KINDS, metavar="KIND", help=" | ".join(KINDS))
    document.add_argument(
        "number",
        metavar="NUMBER",
        help="an order's number (slip, delivery, receipt; invoice: issued if it has none),"
        " or an invoice's (FAC-…) or a credit note's (AV-…)",
    )
    document.add_argument("--output", "-o", metavar="FILE.pdf", required=True)
    document.add_argument(
        "--language",
        choices=DOCUMENT_LANGUAGES[1:],
        help="the labels' language: fr+ar, French with Arabic (default: the shop's setting"
        " document_language, else the window's)",
    )
    document.add_argument(
        "--prices", action="store_true", help="a delivery note with its prices and totals"
    )


def _application(language: str | None) -> object:
    """A GUI application without a window: Qt's offscreen platform unless one is chosen
    (rendering needs fonts, not a display)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from ui.app import APPLICATION, ORGANIZATION, keep_settings_in_data_dir
    from ui.runtime.languages import chosen_language, install_qt_locale, install_translator

    app = QGuiApplication.instance()
    if app is None:
        keep_settings_in_data_dir()
        app = QGuiApplication([sys.argv[0] if sys.argv else "gestco"])
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
        wanted = language or chosen_language()
        install_translator(app, wanted)
        install_qt_locale(wanted)
    return app


def document_command(args: argparse.Namespace) -> int:
    from gestco.services import paper

    paper.refuse_pdf_target(args.output)  # before anything is issued or rendered
    # The window's language for what is not the document's (Qt's own texts); fr+ar's: fr.
    _app = _application(args.language.split("+")[0] if args.language else None)
    value = paper.paper_for(args.kind, args.number)
    if args.language:
        value = replace(value, language=args.language)
    from ui.printing.pages import pdf_bytes

    paper.write_pdf(args.output, pdf_bytes(value, delivery_prices=args.prices))
    print(args.output)
    return 0


EXTENSIONS = {"document": Extension(add_parser=add_parser, handler=document_command)}


def main(argv: list[str]) -> int:
    from gestco.cli import main as cli_main

    return cli_main(argv, EXTENSIONS)
