"""vCards: reading 2.1, 3.0 and 4.0 (phones' and mail programs' exports) into ImportedClient,
and writing clients as vCard 3.0 (RFC 2426), the version every contacts program imports.

Read: lines unfolded (RFC 6350 3.2), quoted-printable values (Android's 2.1 exports) decoded,
escapes undone; N, FN, TEL (the mobile one first), EMAIL, ADR, ORG, NOTE, CATEGORIES.
Photos are skipped as they stream by (a phone's export carries one per contact)."""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO

from gestco.imports.assembly import Checks, ClientCells, read_client
from gestco.imports.records import ImportedClient, ImportProblem

MAX_CARD_LINES = 5000  # far beyond a contact; a card without END stops being collected
_SKIPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.DOTALL)
_MOBILE = frozenset({"CELL", "MOBILE", "IPHONE"})


def _split(value: str, separator: str) -> list[str]:
    """Split on separators not escaped by a backslash."""
    parts, current, escaped = [], [], False
    for ch in value:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _params(text: str) -> tuple[set[str], dict[str, str]]:
    """';TYPE=cell,voice;PREF=1;CHARSET=UTF-8' -> ({'CELL', 'VOICE', 'PREF'}, other params)."""
    types: set[str] = set()
    other: dict[str, str] = {}
    for param in filter(None, text.split(";")):
        name, has_value, value = param.partition("=")
        name = name.strip().upper()
        value = value.strip().strip('"')
        if not has_value:
            types.add(name)  # 2.1: ';CELL'
        elif name == "TYPE":
            types |= {t.strip().upper() for t in value.split(",") if t.strip()}
        elif name == "PREF":
            types.add("PREF")
        else:
            other[name] = value.upper()
    return types, other


def _decoded(value: str, other: dict[str, str]) -> str:
    if other.get("ENCODING") in ("QUOTED-PRINTABLE", "QP"):
        charset = other.get("CHARSET", "UTF-8")
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            return raw.decode(charset, "replace")
        except LookupError:
            return raw.decode("utf-8", "replace")
    return value


def _lines(stream: TextIO) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the line each begins on."""
    start, current, number = 0, None, 0
    for raw in stream:
        number += 1
        line = raw.rstrip("\r\n")
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None and current.endswith("=") and "QUOTED-PRINTABLE" in current.upper():
            current = current[:-1] + line  # a quoted-printable soft line break
            continue
        if current is not None:
            yield start, current
        start, current = number, line
    if current is not None:
        yield start, current


class _Card:
    def __init__(self, line: int) -> None:
        self.line = line
        self.properties: list[tuple[int, str, set[str], str]] = []
        self.broken: list[int] = []


def cards(stream: TextIO) -> Iterator[_Card | ImportProblem]:
    card: _Card | None = None
    for number, line in _lines(stream):
        if not line.strip():
            continue
        match = _PROPERTY.match(line)
        name = match[1].upper() if match else ""
        if name == "BEGIN" and match and match[3].strip().upper() == "VCARD":
            if card is not None:
                yield ImportProblem(card.line, "This vCard has no END:VCARD line: it is skipped.")
            card = _Card(number)
            continue
        if card is None:
            continue  # text around the cards (a mail's signature) is no contact
        if name == "END":
            yield card
            card = None
            continue
        if match is None:
            card.broken.append(number)
            continue
        if name in _SKIPPED or len(card.properties) >= MAX_CARD_LINES:
            continue
        types, other = _params(match[2])
        card.properties.append((number, name, types, _decoded(match[3], other)))
    if card is not None:
        yield ImportProblem(card.line, "This vCard has no END:VCARD line: it is skipped.")


def _client_cells(card: _Card) -> ClientCells:
    first = last = full = company = notes = email = ""
    street: list[str] = ["", ""]
    postal = city = country = ""
    phones: list[tuple[int, str]] = []
    tags: list[str] = []
    for _, name, types, value in card.properties:
        if name == "N" and not (first or last):
            parts = [_unescape(p) for p in _split(value, ";")] + ["", ""]
            last, first = parts[0].strip(), " ".join(p for p in parts[1:3] if p.strip())
        elif name == "FN" and not full:
            full = _unescape(value)
        elif name == "TEL":
            rank = 0 if types & _MOBILE else 1 if "PREF" in types else 2
            phones.append((rank, _unescape(value).removeprefix("tel:").split(";")[0]))
        elif name == "EMAIL" and not email:
            email = _unescape(value)
        elif name == "ADR" and not (street[0] or city):
            parts = [_unescape(p) for p in _split(value, ";")] + [""] * 7
            street = [parts[2], parts[1]]
            city, postal, country = parts[3], parts[5], parts[6]
        elif name == "ORG" and not company:
            company = _unescape(_split(value, ";")[0])
        elif name == "NOTE" and not notes:
            notes = _unescape(value)
        elif name == "CATEGORIES":
            tags += [t for p in _split(value, ",") if (t := " ".join(_unescape(p).split()))]
    ordered = [number for _, number in sorted(phones, key=lambda p: p[0])]
    return ClientCells(
        phones=tuple(("TEL", number) for number in ordered),
        email=("EMAIL", email),
        first_name=("N", first),
        last_name=("N", last),
        full_name=("FN", full),
        company=("ORG", company),
        address=(("ADR", street[0]), ("ADR", street[1])),
        postal_code=("ADR", postal),
        city=("ADR", city),
        country=("ADR", country),
        notes=("NOTE", notes),
        tags=tuple(dict.fromkeys(t for t in tags if len(t) <= 40)),
    )


def read(stream: TextIO, *, region: str) -> Iterator[ImportedClient | ImportProblem]:
    for card in cards(stream):
        if isinstance(card, ImportProblem):
            yield card
            continue
        if card.broken:
            yield ImportProblem(
                card.broken[0], "This line of the vCard cannot be read: the contact is skipped."
            )
            continue
        checks = Checks()
        client = read_client(checks, card.line, _client_cells(card), region)
        if checks.problems:
            yield from checks.problems
        else:
            yield client


# -- writing (vCard 3.0)


class ContactFields(Protocol):
    """What the writer needs of a client: domain.records.Client and ImportedClient both fit
    (read-only members: frozen records fit them)."""

    @property
    def phone(self) -> str: ...

    @property
    def first_name(self) -> str: ...

    @property
    def last_name(self) -> str: ...

    @property
    def email(self) -> str: ...

    @property
    def address(self) -> str: ...

    @property
    def postal_code(self) -> str: ...

    @property
    def city(self) -> str: ...

    @property
    def country(self) -> str: ...

    @property
    def notes(self) -> str: ...


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _folded(line: str) -> str:
    """Lines of at most 75 octets (RFC 2426 2.6), never cutting a UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"


def vcard(client: ContactFields) -> str:
    """One client as a vCard 3.0, CRLF line ends."""
    first, last = client.first_name, client.last_name
    name = " ".join(p for p in (first, last) if p) or client.phone or client.email
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{_escape(last)};{_escape(first)};;;"]
    lines.append(f"FN:{_escape(name)}")
    company = getattr(client, "company", "")
    if company:
        lines.append(f"ORG:{_escape(company)}")
    if client.phone:
        lines.append(f"TEL;TYPE=CELL:{client.phone}")
    if client.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(client.email)}")
    if client.address or client.city or client.postal_code or client.country:
        parts = ("", "", client.address, client.city, "", client.postal_code, client.country)
        lines.append("ADR;TYPE=HOME:" + ";".join(_escape(p) for p in parts))
    if client.notes:
        lines.append(f"NOTE:{_escape(client.notes)}")
    tags: Iterable[str] = getattr(client, "tags", ())
    if tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in tags))
    lines.append("END:VCARD")
    return "".join(_folded(line) for line in lines)


def vcards(clients: Iterable[ContactFields]) -> Iterator[str]:
    """Each client's vCard in turn, for a file written as it goes (an export of 100,000)."""
    for client in clients:
        yield vcard(client)


def vcard_text(clients: Iterable[ContactFields]) -> str:
    return "".join(vcards(clients))
