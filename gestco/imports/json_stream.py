"""The elements of a JSON file's array, one at a time, with the line each begins on: a REST
export of 10,000 orders is 30 MB, and json.load would hold all of it (and its objects) at
once. The array is the top level, or a key of a top-level object ({"orders": [...]}); the
object's other keys (a format name, a version) are kept in `meta`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TextIO

from gestco.imports.records import ImportFileError, ImportProblem

CHUNK = 1 << 20
MAX_ITEM_CHARS = 8 << 20  # one order far beyond any shop's (500 lines are ~0.5 MB)
_SPACE = " \t\r\n"


def _int(text: str) -> int | str:
    # Python refuses int() over 4,300 digits (ValueError inside the decoder): such a
    # "number" stays text, and the field's check says it is not one.
    return int(text) if len(text) <= 30 else text


# Floats never: amounts come as Decimal (or text); NaN and Infinity stay words, refused later.
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_int=_int, parse_constant=str)


class _Invalid(Exception):
    def __init__(self, line: int, detail: str) -> None:
        super().__init__(detail)
        self.line = line
        self.detail = detail


class JsonItems:
    def __init__(self, stream: TextIO, key: str) -> None:
        self._stream = stream
        self._key = key
        self._buf = ""
        self._pos = 0
        self._line = 1
        self._eof = False
        self.meta: dict[str, Any] = {}
        self.top_level_array = False

    # -- reading the buffer
    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self._stream.read(max(CHUNK, len(self._buf) - self._pos))
        if not chunk:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return True

    def _peek(self) -> str:
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _SPACE:
                if self._buf[self._pos] == "\n":
                    self._line += 1
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return ""

    def _take(self) -> str:
        char = self._peek()
        self._pos += 1
        return char

    def _value(self) -> Any:
        """The JSON value at the position; reads more of the file while it is cut off."""
        self._peek()  # past the spaces before it
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as error:
                if len(self._buf) - self._pos < MAX_ITEM_CHARS and self._fill():
                    continue
                line = self._line + self._buf.count("\n", self._pos, error.pos)
                raise _Invalid(line, error.msg) from None
            except RecursionError:
                raise _Invalid(self._line, "nested too deeply") from None
            if end >= len(self._buf) and self._fill():
                continue  # a number cut by the chunk's end ('12' of '12345') is not whole
            self._line += self._buf.count("\n", self._pos, end)
            self._pos = end
            return value

    # -- the file's shape
    def _open_array(self) -> None:
        """Up to the array's '[' (keeping the object's other keys on the way)."""
        first = self._take()
        if first == "[":
            self.top_level_array = True
            return
        if first != "{":
            raise ImportFileError(
                "This file is not a JSON export of orders or clients: it should hold a list"
                " in square brackets."
            )
        while True:
            char = self._peek()
            if char == "}" or not char:
                raise ImportFileError(
                    "This JSON file holds no list named {key}: is it the right export?",
                    key=self._key,
                )
            if char == ",":
                self._pos += 1
                continue
            key = self._value()
            if self._take() != ":":
                raise _Invalid(self._line, "expected ':'")
            if key == self._key and self._peek() == "[":
                self._pos += 1
                return
            self.meta[str(key)] = self._value()

    def __iter__(self) -> Iterator[tuple[int, Any] | ImportProblem]:
        """(line, element) for each element; a syntax error ends the list with a problem."""
        try:
            self._open_array()
            if self._peek() == "]":
                return
            while True:
                self._peek()
                line = self._line
                yield line, self._value()
                separator = self._take()
                if separator == "]":
                    return
                if separator != ",":
                    raise _Invalid(self._line, "expected ',' or ']'")
        except _Invalid as invalid:
            yield ImportProblem(
                invalid.line,
                "The file is not valid JSON from this line on ({detail}): nothing after it"
                " can be read. Export the file again.",
                {"detail": invalid.detail},
            )


def objects(
    items: Iterable[tuple[int, Any] | ImportProblem],
) -> Iterator[tuple[int, dict[str, Any]] | ImportProblem]:
    """The list's objects (an order each) with their lines; anything else is a problem."""
    for item in items:
        if isinstance(item, ImportProblem) or isinstance(item[1], dict):
            yield item
        else:
            yield ImportProblem(item[0], "This element of the list is not an order: it is skipped.")
