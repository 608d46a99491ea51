"""The shop's documents' language (setting document_language): the window's by default, one of
fr, en, ar, fr+ar; anything else refused before it is stored; each change a line of the
audit trail; carried by every paper the core hands the printing."""

from __future__ import annotations

import pytest

from gestco.domain.errors import ValidationError
from gestco.domain.legal_identity import DocumentKind, ShopIdentity
from gestco.services import audit, paper, settings


def test_the_window_s_language_by_default_then_any_document_language(db_path) -> None:
    assert settings.document_language() == ""
    for language in ("fr", "en", "ar", "fr+ar", ""):
        settings.set_setting("document_language", language)
        assert settings.document_language() == language


@pytest.mark.parametrize("refused", ["de", "AR", "ar+fr", "fr ar", "arabe"])
def test_a_language_documents_cannot_print_is_refused(db_path, refused) -> None:
    settings.set_setting("document_language", "ar")
    with pytest.raises(ValidationError) as caught:
        settings.set_setting("document_language", refused)
    assert caught.value.field == "document_language"
    assert settings.document_language() == "ar"  # nothing stored


def test_each_change_is_in_the_trail(db_path) -> None:
    settings.set_setting("document_language", "fr+ar")
    (event,) = [e for e in audit.record_trail("settings", "document_language")]
    assert (event.kind, event.new_value) == ("setting", "fr+ar")


def test_every_paper_carries_the_setting(db_path, shop) -> None:
    settings.set_shop_identity(ShopIdentity(name="Épicerie", ice="001561191000066"))
    client = shop.client()
    order = shop.order(client.id, (shop.product().id, 1))
    assert paper.order_paper(order.number, DocumentKind.ORDER_SLIP).language == ""
    settings.set_setting("document_language", "ar")
    for kind in (DocumentKind.ORDER_SLIP, DocumentKind.DELIVERY_NOTE, DocumentKind.RECEIPT):
        assert paper.order_paper(order.number, kind).language == "ar"
