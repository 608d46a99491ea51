"""The shop's logo kept in the database as the image's bytes: read back as given, refused
when not an image or too big (nothing written), removed, audited, refused to a clerk."""

from __future__ import annotations

import pytest

from gestco.domain.errors import PermissionDenied, ValidationError
from gestco.domain.permissions import Role
from gestco.services import audit, shop_logo
from tests.support.shop import Shop
from tests.support.staff import act_as, add_people, cheap_hashes, everything

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def test_stored_read_back_and_removed(shop: Shop) -> None:
    assert shop_logo.shop_logo() == b""
    changes = shop_logo.set_shop_logo(PNG)
    assert "settings" in changes
    assert shop_logo.shop_logo() == PNG
    assert shop_logo.set_shop_logo(PNG) == shop_logo.NOTHING  # unchanged: nothing written
    shop_logo.set_shop_logo(b"")
    assert shop_logo.shop_logo() == b""
    rows = [e for e in audit.record_trail("settings", "shop") if e.field == "logo"]
    assert len(rows) == 2
    assert rows[0].old_value in ("", None) and rows[0].new_value.startswith("1032 bytes")
    assert rows[1].new_value in ("", None)


@pytest.mark.parametrize(
    "data",
    [b"GIF89a not taken", b"\xff\xd8\xff" + b"x" * (shop_logo.MAX_BYTES + 1)],
    ids=["not-png-or-jpeg", "too-big"],
)
def test_refused_writes_nothing(shop: Shop, data: bytes) -> None:
    before = everything()
    with pytest.raises(ValidationError) as refused:
        shop_logo.set_shop_logo(data)
    assert refused.value.field == "logo"
    assert everything() == before


def test_a_clerk_may_not_change_it(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.COUNTER)
    with pytest.raises(PermissionDenied):
        shop_logo.set_shop_logo(PNG)
    assert shop_logo.shop_logo() == b""
