"""The client relationship: a client's timeline of notes and contacts, their tags, their
marketing consent; the clients (and so the orders) a tag picks out.

The timeline is append-only in GESTCO: there is no service that edits or deletes a note (a
correction is a new note, so what a clerk told a colleague stays as it was told). It is not
locked by a trigger like the audit trail, because anonymising a client (client_rights) must
be able to blank what the notes say about them. The audit trail records who added which kind
of note to whom and when; the text itself lives in the timeline only, so that anonymising
erases it. Tags are recorded on the client as one field (`tags`, one per line, sorted), like
an order's lines; consent as the client's `marketing_consent` and `consent_at` fields.
"""

from __future__ import annotations

from typing import Any

from gestco.domain.change_areas import reports_changes
from gestco.domain.errors import NotFoundError, ValidationError
from gestco.domain.permissions import Permission
from gestco.domain.phones import phone_prefix
from gestco.domain.records import ClientMatch, is_row_id
from gestco.domain.relationship import (
    TAGS_PER_CLIENT,
    ClientNote,
    ClientRelationship,
    check_note_kind,
    check_note_text,
    check_tag,
    tag_key,
)
from gestco.domain.staff import Actor
from gestco.domain.text import PREFIX_END, search_key, search_text
from gestco.domain.timestamps import from_text, now, to_text
from gestco.services import session
from gestco.services.audit_trail import record_changes
from gestco.services.settings import region
from gestco.storage import builder, transactions, write_rules
from gestco.storage.builder import SQL, fn
from gestco.storage.change_notices import bump
from gestco.storage.models import ClientNotes, Clients, ClientTags, Tags

NOTE_FIELDS = (
    ClientNotes.id,
    ClientNotes.client,
    ClientNotes.at,
    ClientNotes.kind,
    ClientNotes.body,
    ClientNotes.operator,
)


def _note(row: tuple[Any, ...]) -> ClientNote:
    id_, client_id, at, kind, body, operator = row
    when = from_text(at)
    assert when is not None  # NOT NULL
    return ClientNote(int(id_), int(client_id), when, kind, body, operator)


def _existing(client_id: object) -> None:
    if isinstance(client_id, bool) or not isinstance(client_id, int) or not is_row_id(client_id):
        raise NotFoundError("This client no longer exists.")


def _locked_client(client_id: int) -> str:
    """Lock the client's row for this write; its phone. An anonymised client: refused."""
    builder.lock(Clients, [client_id])
    row = builder.first_row(
        Clients.select(Clients.phone, Clients.anonymised_at).where(Clients.id == client_id)
    )
    if row is None:
        raise NotFoundError("This client no longer exists.")
    if row[1]:
        raise ValidationError("client", "This client was anonymised: nothing can be added.")
    return str(row[0])


# --- the timeline ----------------------------------------------------------------------------


def timeline(client_id: int, *, limit: int = 500) -> list[ClientNote]:
    """A client's notes and contacts, newest first."""
    if not is_row_id(client_id):
        return []
    query = (
        ClientNotes.select(*NOTE_FIELDS)
        .where(ClientNotes.client == client_id)
        .order_by(ClientNotes.at.desc(), ClientNotes.id.desc())
        .limit(max(0, min(limit, 100_000)))
    )
    return [_note(r) for r in builder.rows(query)]


@write_rules.retried
@reports_changes
def add_note(client_id: int, text: str, *, kind: str = "note") -> ClientNote:
    """Append a note, a call, a visit or a message to a client's timeline (counter and up)."""
    actor = session.require(Permission.CLIENT_NOTE)
    _existing(client_id)
    kind = check_note_kind(kind)
    body = check_note_text(text)
    stamp = to_text(now())
    with transactions.atomic():
        phone = _locked_client(client_id)
        bump("clients")
        new_id = ClientNotes.insert(
            client=client_id,
            at=stamp,
            kind=kind,
            body=body,
            operator=actor.username,
            workstation=actor.workstation,
        ).execute()
        record_changes(
            actor,
            kind="client",
            entity="client_notes",
            record_id=new_id,
            label=phone,
            before=None,
            after={"client_id": client_id, "kind": kind},
        )
        row = builder.first_row(ClientNotes.select(*NOTE_FIELDS).where(ClientNotes.id == new_id))
    assert row is not None
    return _note(row)


# --- tags ------------------------------------------------------------------------------------


def client_tags(client_id: int) -> tuple[str, ...]:
    """A client's tags, in the order shown (by their key)."""
    if not is_row_id(client_id):
        return ()
    query = (
        Tags.select(Tags.name)
        .join(ClientTags, on=(ClientTags.tag == Tags.id))
        .where(ClientTags.client == client_id)
        .order_by(Tags.name_key)
    )
    return tuple(r[0] for r in builder.rows(query))


def all_tags() -> list[str]:
    """Every tag some client has, by key: what the tag field offers as it is typed."""
    used = ClientTags.select(ClientTags.tag)
    query = Tags.select(Tags.name).where(Tags.id.in_(used)).order_by(Tags.name_key)
    return [r[0] for r in builder.rows(query)]


def find_tag(name: str) -> tuple[int, str] | None:
    """(id, name as stored) of the tag `name` is (any case), or None; bad text is refused."""
    key = tag_key(check_tag(name))
    row = builder.first_row(Tags.select(Tags.id, Tags.name).where(Tags.name_key == key))
    return (int(row[0]), row[1]) if row else None


def _audit_tags(actor: Actor, client_id: int, phone: str, before: tuple[str, ...]) -> None:
    record_changes(
        actor,
        kind="client",
        entity="clients",
        record_id=client_id,
        label=phone,
        before={"tags": "\n".join(before)},
        after={"tags": "\n".join(client_tags(client_id))},
    )


@write_rules.retried  # the same new tag made at once elsewhere: the re-run finds it
@reports_changes
def add_tag(client_id: int, name: str) -> ClientRelationship:
    """Give a client a tag (counter and up). A tag is one whatever its case ('vip' is 'VIP'):
    a new one is made as typed; one the client has already changes nothing."""
    actor = session.require(Permission.CLIENT_TAG)
    _existing(client_id)
    name = check_tag(name)
    key = tag_key(name)
    stamp = to_text(now())
    with transactions.atomic():
        phone = _locked_client(client_id)
        before = client_tags(client_id)
        row = builder.first_row(Tags.select(Tags.id).where(Tags.name_key == key))
        if row is None:
            tag_id = int(Tags.insert(name=name, name_key=key, created_at=stamp).execute())
            record_changes(
                actor,
                kind="client",
                entity="tags",
                record_id=tag_id,
                label=name,
                before=None,
                after={"name": name},
            )
        else:
            tag_id = int(row[0])
        held = ClientTags.select(ClientTags.id).where(
            (ClientTags.client == client_id) & (ClientTags.tag == tag_id)
        )
        if builder.first_row(held) is None:
            if len(before) >= TAGS_PER_CLIENT:
                raise ValidationError(
                    "tag", "A client has at most {n} tags: remove one first.", n=TAGS_PER_CLIENT
                )
            bump("clients")
            ClientTags.insert(client=client_id, tag=tag_id, created_at=stamp).execute()
            _audit_tags(actor, client_id, phone, before)
        return relationship(client_id)


@write_rules.retried
@reports_changes
def remove_tag(client_id: int, name: str) -> ClientRelationship:
    """Take a tag off a client (counter and up); one they do not have changes nothing."""
    actor = session.require(Permission.CLIENT_TAG)
    _existing(client_id)
    key = tag_key(check_tag(name))
    with transactions.atomic():
        phone = _locked_client(client_id)
        before = client_tags(client_id)
        tag = builder.first_row(Tags.select(Tags.id).where(Tags.name_key == key))
        if tag is not None:
            gone = ClientTags.delete().where(
                (ClientTags.client == client_id) & (ClientTags.tag == tag[0])
            )
            if gone.execute():
                bump("clients")
                _audit_tags(actor, client_id, phone, before)
        return relationship(client_id)


# --- consent ---------------------------------------------------------------------------------


def relationship(client_id: int) -> ClientRelationship:
    """The client's tags, consent and anonymisation, for the client page."""
    _existing(client_id)
    row = builder.first_row(
        Clients.select(Clients.marketing_consent, Clients.consent_at, Clients.anonymised_at).where(
            Clients.id == client_id
        )
    )
    if row is None:
        raise NotFoundError("This client no longer exists.")
    consent, consent_at, anonymised_at = row
    return ClientRelationship(
        client_id,
        client_tags(client_id),
        bool(consent),
        from_text(consent_at) if consent_at else None,
        from_text(anonymised_at) if anonymised_at else None,
    )


@write_rules.retried
@reports_changes
def set_marketing_consent(client_id: int, consent: bool) -> ClientRelationship:
    """Record that the client agreed to marketing, or withdrew, now (counter and up). The
    same answer again keeps the date it was first given."""
    actor = session.require(Permission.CLIENT_CONSENT)
    _existing(client_id)
    if not isinstance(consent, bool):
        raise ValidationError("consent", "Say whether the client agrees: yes or no.")
    with transactions.atomic():
        phone = _locked_client(client_id)
        current = relationship(client_id)
        if current.marketing_consent == consent and current.consent_at is not None:
            return current
        stamp = to_text(now())
        before = {"marketing_consent": int(current.marketing_consent), "consent_at": ""}
        if current.consent_at is not None:
            before["consent_at"] = to_text(current.consent_at)
        bump("clients")
        # The details' version stays: a form open on them still saves (consent is not one).
        Clients.update(marketing_consent=int(consent), consent_at=stamp).where(
            Clients.id == client_id
        ).execute()
        record_changes(
            actor,
            kind="client",
            entity="clients",
            record_id=client_id,
            label=phone,
            before=before,
            after={"marketing_consent": int(consent), "consent_at": stamp},
        )
        return relationship(client_id)


# --- finding clients by tag ------------------------------------------------------------------


def search_tagged(text: str, tag: str, *, limit: int = 50) -> list[ClientMatch]:
    """The clients holding `tag`, those whose phone or name starts with `text` if any, by
    name. An unknown tag finds nobody; a bad one is refused."""
    found = find_tag(tag)
    if found is None or limit <= 0:
        return []
    typed = search_text(text)
    if typed is None:
        return []
    tagged = ClientTags.select(ClientTags.client).where(ClientTags.tag == found[0])
    query = Clients.select(
        Clients.id, Clients.phone, Clients.first_name, Clients.last_name, Clients.city
    ).where(Clients.id.in_(tagged))
    if typed:
        prefix = phone_prefix(typed, region())
        if prefix is not None:
            query = query.where((Clients.phone >= prefix) & (Clients.phone < prefix + PREFIX_END))
        else:
            key = search_key(typed)
            if not key:
                return []
            end = key + PREFIX_END
            query = query.where(
                ((Clients.search_last >= key) & (Clients.search_last < end))
                | ((Clients.search_first >= key) & (Clients.search_first < end))
            )
    query = query.order_by(Clients.search_last, Clients.id).limit(min(limit, 1000))
    return [ClientMatch(*r) for r in builder.rows(query)]


def count_tagged(tag: str) -> int:
    """How many clients hold `tag` (0 for a tag nobody has)."""
    found = find_tag(tag)
    if found is None:
        return 0
    every = ClientTags.select(fn.COUNT(SQL("*"))).where(ClientTags.tag == found[0])
    return int(builder.value(every))
