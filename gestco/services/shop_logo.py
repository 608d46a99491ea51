"""The shop's logo, kept in the database as the image file's bytes (one settings row).

Why the bytes and not a path: the documents of every workstation print it, and a shop that
moves to another computer, restores a backup or adds a till expects its logo to come with
the database; a path (ShopIdentity.logo_path) points at one computer's disk. The image is
small (at most MAX_BYTES), stored base64 in the settings' text column (both engines), and
only PNG or JPEG files are taken (what Qt reads everywhere without plugins).

    shop_logo() -> bytes            b"" when none was given
    set_shop_logo(data) -> Changes  b"" removes it (managers: shop.identity), audited
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from gestco.domain.change_areas import NOTHING, Changes, reports_changes
from gestco.domain.errors import ValidationError
from gestco.domain.permissions import Permission
from gestco.services import session
from gestco.services.audit_trail import record_changes
from gestco.storage import builder, transactions, write_rules
from gestco.storage.change_notices import bump
from gestco.storage.models import ChangeCounters, Settings

LOGO_KEY = "logo.image"  # not under "shop.": ShopIdentity's fields are the text ones
MAX_BYTES = 512 * 1024
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


def _stored() -> str:
    value = builder.value(Settings.select(Settings.value).where(Settings.key == LOGO_KEY))
    return "" if value is None else str(value)


def shop_logo() -> bytes:
    """The logo's image file as it was given, b"" when the shop has none."""
    text = _stored()
    if not text:
        return b""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return b""  # a row written by hand: no logo rather than a broken document


def _fingerprint(data: bytes) -> str:
    """What the audit trail keeps of an image: its size and the start of its SHA-256."""
    if not data:
        return ""
    return f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}"


@write_rules.retried
@reports_changes
def set_shop_logo(data: bytes) -> Changes:
    """Keep `data` (a PNG or JPEG file's bytes) as the shop's logo; b"" removes it."""
    actor = session.require(Permission.SHOP_IDENTITY_EDIT)
    if not isinstance(data, bytes | bytearray):
        raise ValidationError("logo", "Choose a PNG or JPEG image for the logo.")
    data = bytes(data)
    if data and not data.startswith(_SIGNATURES):
        raise ValidationError("logo", "Choose a PNG or JPEG image for the logo.")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            "logo",
            "The logo is {size} KB: choose an image of at most {most} KB.",
            size=(len(data) + 1023) // 1024,
            most=MAX_BYTES // 1024,
        )
    with transactions.atomic():
        before = shop_logo()
        if before == data:
            return NOTHING
        ChangeCounters.insert(area="settings", n=0).on_conflict_ignore().execute()
        bump("settings")
        Settings.delete().where(Settings.key == LOGO_KEY).execute()
        if data:
            Settings.insert(key=LOGO_KEY, value=base64.b64encode(data).decode("ascii")).execute()
        record_changes(
            actor,
            kind="setting",
            entity="settings",
            record_id="shop",
            label="shop",
            before={"logo": _fingerprint(before)},
            after={"logo": _fingerprint(data)},
        )
    return NOTHING  # @reports_changes adds what the transaction marked
