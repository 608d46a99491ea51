"""The shop's identity in the settings: stored checked, audited field by field, refused to a
clerk; documents refused while an identifier they need is missing."""

from __future__ import annotations

import pytest

from gestco.domain.errors import MissingIdentifiers, PermissionDenied, ValidationError
from gestco.domain.legal_identity import FIELDS, DocumentKind, ShopIdentity
from gestco.domain.permissions import Role
from gestco.services import audit, settings
from tests.support.shop import Shop
from tests.support.staff import act_as, add_people, cheap_hashes, everything

ICE = "001561191000066"
MOROCCAN = ShopIdentity(
    name="Épicerie Benali",
    address="12 rue Souika\nRabat",
    phone="0537 12 34 56",
    email="contact@benali.ma",
    ice="001 561 191 000 066",
    tax_id="12345678",
    rc="98765",
    rc_court="Rabat",
    patente="25123456",
    cnss="1234567",
    footer="Merci de votre visite",
)


def test_stored_and_read_back(shop: Shop) -> None:
    assert settings.shop_identity() == ShopIdentity()
    stored = settings.set_shop_identity(MOROCCAN)
    assert stored.ice == ICE and "settings" in stored.changes
    assert settings.shop_identity() == stored
    assert settings.missing_identifiers("invoice") == ()
    assert settings.require_identifiers(DocumentKind.INVOICE) == stored


def test_each_changed_field_is_a_row_of_the_audit_trail(shop: Shop) -> None:
    settings.set_shop_identity(MOROCCAN)
    settings.set_shop_identity(ShopIdentity(**{**_fields(MOROCCAN), "patente": "25999999"}))
    rows = [e for e in audit.record_trail("settings", "shop")]
    assert {e.field for e in rows} >= {"name", "ice", "address", "patente"}
    last = rows[-1]
    assert (last.field, last.old_value, last.new_value) == ("patente", "25123456", "25999999")
    assert sum(e.field == "ice" for e in rows) == 1  # unchanged fields write nothing


def _fields(identity: ShopIdentity) -> dict[str, str]:
    return {name: getattr(identity, name) for name in FIELDS}


def test_a_wrong_identifier_writes_nothing(shop: Shop) -> None:
    before = everything()
    with pytest.raises(ValidationError) as refused:
        settings.set_shop_identity(ShopIdentity(name="X", ice="001561191000067"))
    assert refused.value.field == "ice"
    assert everything() == before


def test_a_clerk_may_not_change_it(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.COUNTER)
    before = everything()
    with pytest.raises(PermissionDenied):
        settings.set_shop_identity(MOROCCAN)
    assert everything() == before
    act_as(Role.MANAGER)
    assert settings.set_shop_identity(MOROCCAN).name == "Épicerie Benali"


def test_a_document_names_what_it_lacks(shop: Shop) -> None:
    settings.set_shop_identity(ShopIdentity(name="Épicerie", ice=ICE))
    assert settings.require_identifiers(DocumentKind.ORDER_SLIP).name == "Épicerie"
    with pytest.raises(MissingIdentifiers) as refused:
        settings.require_identifiers(DocumentKind.INVOICE)
    assert refused.value.missing == ("address", "tax_id", "rc", "rc_court", "patente")
    assert "the IF (identifiant fiscal)" in refused.value.message
    settings.set_shop_identity(ShopIdentity(country="FR", name="Boutique"))
    assert settings.missing_identifiers("invoice") == ("address", "siren", "vat_number", "rcs")
