"""The client relationship: a timeline of notes and contacts, tags (one whatever their case)
that pick clients and orders out, marketing consent with its date, a client's figures; each
write by the roles that may, in one transaction with its audit rows."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gestco.domain.change_areas import Area
from gestco.domain.errors import GestcoError, NotFoundError, PermissionDenied, ValidationError
from gestco.domain.permissions import Role
from gestco.domain.relationship import TAG_MAX, TAGS_PER_CLIENT, check_tag, tag_key
from gestco.services import audit, clients, export, relationship
from gestco.services.clients import client_stats
from gestco.services.order_table import OrderFilter, count_and_sum, list_orders, order_ids
from gestco.storage import raw_sql
from tests.support.fuzz_values import FUZZ, anything, fingerprint, hostile_text
from tests.support.shop import ACTOR, Shop, advance
from tests.support.staff import act_as, add_people, cheap_hashes


def test_notes_are_listed_newest_first_with_who_and_kind(shop: Shop) -> None:
    client = shop.client()
    first = relationship.add_note(client.id, "  a appelé, veut la livraison mardi ", kind="call")
    second = relationship.add_note(client.id, "Passé au magasin\nA payé 200 DH", kind="visit")
    assert first.text == "a appelé, veut la livraison mardi"  # trimmed
    assert Area.CLIENTS in first.changes
    listed = relationship.timeline(client.id)
    assert [(n.id, n.kind, n.text) for n in listed] == [
        (second.id, "visit", "Passé au magasin\nA payé 200 DH"),
        (first.id, "call", "a appelé, veut la livraison mardi"),
    ]
    assert {n.operator for n in listed} == {ACTOR}
    trail = audit.record_trail("client_notes", first.id)
    assert {(e.field, e.new_value) for e in trail} == {
        ("client_id", str(client.id)),
        ("kind", "call"),
    }
    assert relationship.timeline(shop.client(phone="0622222222").id) == []


@pytest.mark.parametrize(
    ("text", "kind", "field"),
    [
        ("", "note", "note"),
        ("   \n ", "note", "note"),
        ("x" * 2001, "note", "note"),
        ("bip\x07", "note", "note"),
        ("ok", "fax", "kind"),
        ("ok", None, "kind"),
        (None, "note", "note"),
        (42, "note", "note"),
    ],
)
def test_a_bad_note_is_refused_and_writes_nothing(shop: Shop, text, kind, field) -> None:
    client = shop.client()
    before = fingerprint()
    with pytest.raises(ValidationError) as refused:
        relationship.add_note(client.id, text, kind=kind)
    assert refused.value.field == field
    assert fingerprint() == before


@pytest.mark.parametrize("client_id", [0, -1, 999, 2**63, True, None, "1"])
def test_a_note_for_nobody_is_refused(shop: Shop, client_id) -> None:
    shop.client()
    with pytest.raises(NotFoundError):
        relationship.add_note(client_id, "bonjour")


def test_tags_are_one_whatever_their_case_trimmed_and_sorted(shop: Shop) -> None:
    amina = shop.client()
    karim = shop.client(phone="0622222222", first="Karim", last="Alaoui")
    done = relationship.add_tag(amina.id, "  VIP ")
    assert done.tags == ("VIP",) and Area.CLIENTS in done.changes
    relationship.add_tag(amina.id, "grossiste")
    assert relationship.add_tag(amina.id, "vip").tags == ("grossiste", "VIP")  # no second
    assert relationship.add_tag(karim.id, "ＶＩＰ").tags == ("VIP",)  # full width: the same
    assert relationship.add_tag(karim.id, "Client   fidèle").tags == ("Client fidèle", "VIP")
    assert raw_sql.fetch_one("SELECT count(*) FROM tags") == (3,)
    assert relationship.all_tags() == ["Client fidèle", "grossiste", "VIP"]
    assert relationship.remove_tag(amina.id, "Vip").tags == ("grossiste",)
    assert relationship.remove_tag(amina.id, "inconnu").tags == ("grossiste",)
    assert relationship.client_tags(karim.id) == ("Client fidèle", "VIP")
    trail = [e for e in audit.record_trail("clients", amina.id) if e.field == "tags"]
    assert [(e.old_value, e.new_value) for e in trail] == [
        ("", "VIP"),
        ("VIP", "grossiste\nVIP"),
        ("grossiste\nVIP", "grossiste"),
    ]


def test_a_client_has_at_most_so_many_tags(shop: Shop) -> None:
    client = shop.client()
    for i in range(TAGS_PER_CLIENT):
        relationship.add_tag(client.id, f"t{i}")
    with pytest.raises(ValidationError, match="at most"):
        relationship.add_tag(client.id, "encore")
    relationship.add_tag(client.id, "T3")  # one it has: still fine


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "a\x00b", "VI\nP", "tab\there", "\u202eVIP", "zero\u200bwidth", "\u0301", "x" * 41],
)
def test_bad_tags_are_refused_with_a_message(shop: Shop, bad: str) -> None:
    client = shop.client()
    before = fingerprint()
    with pytest.raises(ValidationError) as refused:
        relationship.add_tag(client.id, bad)
    assert refused.value.field == "tag" and refused.value.message
    assert fingerprint() == before


@FUZZ
@given(text=st.one_of(hostile_text, anything, st.text(max_size=60)))
@example(text="\ud800")
@example(text="\x85")
@example(text="\ufeffVIP")
@example(text="x" * TAG_MAX)
@example(text="\uff11")  # full-width 1, then
@example(text="1")  # the same tag
def test_any_tag_input_is_a_tag_or_a_message(shop: Shop, text) -> None:
    """Whatever is typed or passed: a tag stored as check_tag says, or a ValidationError
    naming the field with a message, and then nothing written; never a traceback."""
    client = clients.identify("0633333333") or shop.client(phone="0633333333")
    target = client.id
    before = fingerprint()
    try:
        done = relationship.add_tag(target, text)
    except ValidationError as refused:
        assert refused.field == "tag" and refused.message
        assert fingerprint() == before
        with pytest.raises(ValidationError):
            check_tag(text)
        return
    # as typed, or as first typed by someone else in another case or width ('１' for '1')
    assert tag_key(check_tag(text)) in {tag_key(t) for t in done.tags}
    assert relationship.search_tagged("", text)[0].id == target
    relationship.remove_tag(target, text)


def test_consent_is_recorded_with_its_date_and_audited(shop: Shop) -> None:
    client = shop.client()
    fresh = relationship.relationship(client.id)
    assert (fresh.marketing_consent, fresh.consent_at) == (False, None)
    given_ = relationship.set_marketing_consent(client.id, True)
    assert given_.marketing_consent and given_.consent_at is not None
    again = relationship.set_marketing_consent(client.id, True)
    assert again.consent_at == given_.consent_at  # the same answer keeps its date
    withdrawn = relationship.set_marketing_consent(client.id, False)
    assert not withdrawn.marketing_consent and withdrawn.consent_at is not None
    rows = [
        (e.field, e.new_value)
        for e in audit.record_trail("clients", client.id)
        if e.field == "marketing_consent"
    ]
    assert rows == [("marketing_consent", "1"), ("marketing_consent", "0")]
    with pytest.raises(ValidationError):
        relationship.set_marketing_consent(client.id, "yes")  # type: ignore[arg-type]


def test_a_counter_clerk_notes_tags_and_records_consent(shop: Shop, monkeypatch) -> None:
    cheap_hashes(monkeypatch)
    client = shop.client()
    add_people()
    act_as(Role.COUNTER)
    note = relationship.add_note(client.id, "Veut être rappelée", kind="call")
    relationship.add_tag(client.id, "VIP")
    relationship.set_marketing_consent(client.id, True)
    assert note.operator == "comptoir"
    assert {e.operator for e in audit.record_trail("clients", client.id) if e.field} >= {"comptoir"}


def test_the_figures_sum_what_was_not_cancelled(shop: Shop) -> None:
    client = shop.client()
    coffee = shop.product(sku="CAF-250", price="45.00", stock_qty=100)
    tea = shop.product(sku="THE-100", name="Thé", price="20.00", stock_qty=100)
    dates = shop.product(sku="DAT-500", name="Dattes", price="30.00", stock_qty=100)
    honey = shop.product(sku="MIE-250", name="Miel", price="60.00", stock_qty=100)
    shop.order(client.id, (coffee.id, 2), (tea.id, 5))  # 190.00
    shop.order(client.id, (dates.id, 3), (tea.id, 1))  # 110.00
    shop.order(client.id, (honey.id, 1))  # 60.00
    advance(shop.order(client.id, (honey.id, 50)), "cancelled", note="erreur")
    stats = client_stats(client.id)
    assert stats.orders_count == 4
    assert stats.total_spent_cents == 36000
    assert stats.average_basket_cents == 12000  # 360.00 / 3 orders summed
    assert [(p.sku, p.quantity) for p in stats.usual_products] == [
        ("THE-100", 6),
        ("DAT-500", 3),
        ("CAF-250", 2),
    ]  # the cancelled 50 honey count for nothing
    nobody = shop.client(phone="0622222222")
    empty = client_stats(nobody.id)
    assert (empty.orders_count, empty.average_basket_cents, empty.usual_products) == (0, 0, ())


def test_a_tag_picks_clients_and_their_orders(shop: Shop) -> None:
    coffee = shop.product(stock_qty=100)
    amina = shop.client()
    karim = shop.client(phone="0622222222", first="Karim", last="Alaoui")
    salma = shop.client(phone="0633333333", first="Salma", last="Amrani")
    for who in (amina, karim, karim, salma):
        shop.order(who.id, (coffee.id, 1))
    relationship.add_tag(amina.id, "grossiste")
    relationship.add_tag(karim.id, "Grossiste")
    assert [c.id for c in relationship.search_tagged("", "GROSSISTE")] == [karim.id, amina.id]
    assert [c.id for c in relationship.search_tagged("kar", "grossiste")] == [karim.id]
    assert [c.id for c in relationship.search_tagged("0622", "grossiste")] == [karim.id]
    assert relationship.search_tagged("", "inconnu") == []
    assert relationship.count_tagged("grossiste") == 2
    tagged = OrderFilter(tag="grossiste")
    assert count_and_sum(tagged)[0] == 3
    assert {r.client_id for r in list_orders(tagged).rows} == {amina.id, karim.id}
    assert len(order_ids(tagged)) == 3 and len(order_ids(tagged, limit=2)) == 2
    both = OrderFilter(tag="grossiste", text="Karim")
    assert {r.client_id for r in list_orders(both).rows} == {karim.id}
    assert count_and_sum(OrderFilter(tag="nobody"))[0] == 0
    total, rows = export.order_rows(tagged)
    assert total == 3 and len(list(rows)) == 3
    with pytest.raises(ValidationError):
        count_and_sum(OrderFilter(tag="bad\x00"))


def test_a_refused_write_leaves_nothing_behind(shop: Shop, monkeypatch) -> None:
    """The audit row fails: the tag, the note and the consent are not written either."""
    client = shop.client()
    from gestco.services import relationship as module

    def broken(*_args, **_kwargs):
        raise ValidationError("x", "audit down")

    monkeypatch.setattr(module, "record_changes", broken)
    before = fingerprint()
    for call in (
        lambda: relationship.add_tag(client.id, "VIP"),
        lambda: relationship.add_note(client.id, "note"),
        lambda: relationship.set_marketing_consent(client.id, True),
    ):
        with pytest.raises(GestcoError):
            call()
    assert fingerprint() == before


def test_nobody_signed_in_writes_nothing(shop: Shop) -> None:
    from gestco.services import session

    client = shop.client()
    session.reset()
    with pytest.raises(PermissionDenied):
        relationship.add_tag(client.id, "VIP")
    assert raw_sql.fetch_one("SELECT count(*) FROM client_tags") == (0,)
