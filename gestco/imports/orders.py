"""Reading an order file: open it, tell how it is written and which export it is (`auto`),
and stream its orders and problems; or read it whole into an OrderFile for the preview.

    file = read_orders(path, region="MA")          # or format="shopify", encoding="cp1252" …
    file.orders, file.problems, file.rejected      # valid orders; problems with their lines

An ImportFileError (the file cannot be read at all) is raised before any order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo
from typing import Any

from gestco.domain.records import CHANNELS
from gestco.imports import gestco_format, shopify, woocommerce_csv, woocommerce_json
from gestco.imports.json_stream import JsonItems
from gestco.imports.opening import Closing, Opened, Source
from gestco.imports.records import (
    MAX_PROBLEMS,
    ORDER_FORMATS,
    ImportedOrder,
    ImportFileError,
    ImportProblem,
    OrderFile,
    Sniffed,
)
from gestco.imports.table import Table


def _csv_format(table: Table) -> str | None:
    keys = table.keys
    if shopify.looks_like(keys):
        return "shopify"
    if woocommerce_csv.looks_like(keys):
        return "woocommerce"
    if gestco_format.looks_like(keys):
        return "gestco"
    return None


def _json_format(meta: dict[str, Any], first: object) -> str | None:
    if meta.get("format") == "gestco-orders":
        return "gestco"
    if not isinstance(first, dict):
        return None
    if "line_items" in first or "order_key" in first or isinstance(first.get("billing"), dict):
        return "woocommerce"
    if "order_ref" in first:
        return "gestco"
    return None


class OrderReading(Closing):
    """An open order file: `format` and `sniffed` are known once opened; iterating yields
    ImportedOrder and ImportProblem as the file streams. A context manager (closes the file)."""

    def __init__(
        self,
        source: Source,
        *,
        region: str,
        format: str = "auto",
        encoding: str | None = None,
        delimiter: str | None = None,
        decimal_mark: str | None = None,
        tz: tzinfo | None = None,
        channel: str = "other",
    ) -> None:
        if format != "auto" and format not in ORDER_FORMATS:
            raise ImportFileError(
                "Unknown format {format}: use auto, shopify, woocommerce or gestco.",
                format=format,
            )
        if channel not in CHANNELS:
            raise ImportFileError(
                "Choose a channel among: {channels}.", channels=", ".join(CHANNELS)
            )
        self._region, self._tz, self._channel = region, tz, channel
        self._opened = Opened(
            source, encoding=encoding, delimiter=delimiter, decimal_mark=decimal_mark
        )
        self.sniffed = self._opened.sniffed
        try:
            if self._opened.is_json:
                self._items = self._open_json(format)
            else:
                if not self._opened.tabular:
                    raise ImportFileError(
                        "This is a vCard file (contacts): import it as clients, not orders."
                    )
                self._table = Table(self._opened.text, self.sniffed.delimiter)
                found = _csv_format(self._table)
                self.format = format if format != "auto" else found or ""
                if not self.format:
                    raise ImportFileError(
                        "The columns of this file are not those of a Shopify or WooCommerce"
                        " export, nor GESTCO's format: choose the format, or see"
                        " docs/import-format.md."
                    )
        except BaseException:
            self.close()
            raise

    def _open_json(self, requested: str) -> Iterator[tuple[int, Any] | ImportProblem]:
        items = JsonItems(self._opened.text, "orders")
        iterator = iter(items)
        first = next(iterator, None)
        detected = _json_format(items.meta, first[1] if isinstance(first, tuple) else None)
        self.format = requested if requested != "auto" else detected or ""
        if self.format not in ("woocommerce", "gestco"):
            raise ImportFileError(
                "This JSON file is not a WooCommerce export of orders nor GESTCO's format:"
                " see docs/import-format.md."
            )
        if first is None:
            return iter(())

        def chained() -> Iterator[tuple[int, Any] | ImportProblem]:
            yield first
            yield from iterator

        return chained()

    def __iter__(self) -> Iterator[ImportedOrder | ImportProblem]:
        region, tz, channel = self._region, self._tz, self._channel
        if self._opened.is_json:
            if self.format == "woocommerce":
                return woocommerce_json.read(self._items, region=region, tz=tz)
            return gestco_format.read_json(self._items, channel=channel, region=region, tz=tz)
        mark = self.sniffed.decimal_mark
        if self.format == "shopify":
            return shopify.read(self._table, decimal_mark=mark, region=region, tz=tz)
        if self.format == "woocommerce":
            return woocommerce_csv.read(self._table, decimal_mark=mark, region=region, tz=tz)
        return gestco_format.read_csv(
            self._table, decimal_mark=mark, channel=channel, region=region, tz=tz
        )

    def close(self) -> None:
        self._opened.close()


def read_orders(source: Source, **options: Any) -> OrderFile:
    """The whole file: valid orders, problems (the first MAX_PROBLEMS), refused orders.
    An order with any problem is refused, even one read before its problem was found (the
    rows of an order split apart in the file)."""
    with OrderReading(source, **options) as reading:
        orders: dict[str, ImportedOrder] = {}
        problems: list[ImportProblem] = []
        rejected: set[str] = set()
        left_off = 0
        for item in reading:
            if isinstance(item, ImportedOrder):
                if item.external_id in orders:
                    item = _duplicate(item, orders[item.external_id])
                else:
                    orders[item.external_id] = item
                    continue
            if item.external_id:
                rejected.add(item.external_id)
            if len(problems) < MAX_PROBLEMS:
                problems.append(item)
            else:
                left_off += 1
        return OrderFile(
            format=reading.format,
            sniffed=reading.sniffed,
            orders=tuple(o for key, o in orders.items() if key not in rejected),
            problems=tuple(problems),
            rejected=tuple(sorted(rejected)),
            problems_left_off=left_off,
        )


def _duplicate(order: ImportedOrder, first: ImportedOrder) -> ImportProblem:
    return ImportProblem(
        order.line_number,
        "Order {order} is in the file twice (first at line {line}): keep one of them.",
        {"order": order.external_number, "line": first.line_number},
        external_id=order.external_id,
    )


__all__ = ["OrderReading", "Sniffed", "Source", "read_orders"]
