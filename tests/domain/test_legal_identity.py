"""The shop's legal identifiers: each checked by its published rule, stored in one form; and
what each document needs by country."""

from __future__ import annotations

import pytest

from gestco.domain.errors import ValidationError
from gestco.domain.legal_identity import (
    COUNTRIES,
    REQUIRED,
    DocumentKind,
    ShopIdentity,
    checked,
    ice_is_valid,
    missing_for,
)

# Published examples: an ICE from the stdnum test data, the SIREN / SIRET and VAT number
# of a French company as the registers print them.
ICE, SIREN, SIRET, VAT = "001561191000066", "732829320", "73282932000074", "FR40303265045"


def _ice_mod97(digits: str) -> bool:
    """The ICE's check, computed here independently: the 15-digit number is 0 modulo 97."""
    return len(digits) == 15 and digits.isdigit() and int(digits) % 97 == 0


@pytest.mark.parametrize("number", [ICE, str(97 * 10_309_278_350).zfill(15), "000000000000097"])
def test_an_ice_passes_its_check(number: str) -> None:
    assert ice_is_valid(number) == _ice_mod97(number)
    assert checked(ShopIdentity(ice=number)).ice == number


@pytest.mark.parametrize(
    "typed", ["001561191000067", "00156119100006", "0015611910000660", "00156119100006A"]
)
def test_a_wrong_ice_is_refused(typed: str) -> None:
    assert not _ice_mod97(typed)
    with pytest.raises(ValidationError) as refused:
        checked(ShopIdentity(ice=typed))
    assert refused.value.field == "ice"


def test_identifiers_are_stored_without_their_spaces() -> None:
    identity = checked(
        ShopIdentity(
            name=" Épicerie  Benali ",
            ice="001 561 191 000 066",
            siren="732 829 320",
            vat_number="fr 40 303265045",
            tax_id="1234 5678",
            country="fr",
            email="Contact@Boutique.ma",
        )
    )
    assert (identity.name, identity.ice, identity.siren) == ("Épicerie Benali", ICE, SIREN)
    assert (identity.vat_number, identity.tax_id, identity.country) == (VAT, "12345678", "FR")
    assert identity.email == "Contact@boutique.ma"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("siren", "732829321"),
        ("siren", "73282932000075"),
        ("siren", "7328293"),
        ("vat_number", "FR40303265046"),
        ("vat_number", "40303265045"),
        ("country", "BE"),
        ("email", "pas une adresse"),
        ("tax_id", "12A4"),
        ("name", "ligne\nbrisée"),
    ],
)
def test_wrong_values_are_refused_naming_the_field(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        checked(ShopIdentity(**{field: value}))
    assert refused.value.field == field


def test_a_siret_is_taken_in_the_siren_field() -> None:
    assert checked(ShopIdentity(siren=SIRET)).siren == SIRET


def test_every_country_and_document_has_its_requirements() -> None:
    assert set(REQUIRED) == {(c, k) for c in COUNTRIES for k in DocumentKind}
    morocco = ShopIdentity(country="MA")
    assert missing_for(morocco, "invoice") == (
        "name",
        "address",
        "ice",
        "tax_id",
        "rc",
        "rc_court",
        "patente",
    )
    assert missing_for(morocco, DocumentKind.ORDER_SLIP) == ("name", "ice")
    france = ShopIdentity(country="FR", name="Boutique", siren=SIREN)
    assert missing_for(france, "credit") == ("address", "vat_number", "rcs")
    assert missing_for(france, "receipt") == ()
    # CNSS is never required; the France fields are not asked of a Moroccan shop.
    full = ShopIdentity(
        name="B", address="1 rue", ice=ICE, tax_id="1", rc="2", rc_court="Rabat", patente="3"
    )
    assert all(missing_for(full, kind) == () for kind in DocumentKind)
