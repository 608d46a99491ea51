"""An invoice's total in Arabic words, as a Moroccan invoice closes: "حُصرت هذه الفاتورة في
مبلغ قدره أربعمائة وخمسة وستون درهمًا وأحد عشر سنتيمًا، شاملًا للضريبة على القيمة المضافة."

Written here rather than with num2words (which the French sentence uses): its Arabic puts a
space after the conjunction ("و عشرون"), says "مئتا" and "ألفا" for 200 and 2000 (the
construct forms, wrong standing alone), and counts in riyals and halalas. "مبلغ قدره" makes
the number the predicate, so every number is in the nominative: "اثنان", "عشرون", "مئتان".

The counted noun (tamyiz) follows the number's last two digits, as MSA wants: 1 "درهم واحد",
2 "درهمان", 3 to 10 the plural "دراهم", 11 to 99 the singular in the accusative "درهمًا",
a round hundred or thousand (…00, …01, …02) the singular "درهم". The same rules count the
thousands, millions and milliards inside the number. The dirham and the centime are
masculine: the units take the masculine forms ("واحد", "أحد عشر", the numbers 3 to 10 with
their ة: "ثلاثة دراهم").
"""

from __future__ import annotations

from typing import NamedTuple

AND = "و"  # joined to the word after it, never followed by a space
UNITS = (
    "",
    "واحد",
    "اثنان",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
    "عشرة",
    "أحد عشر",
    "اثنا عشر",
    "ثلاثة عشر",
    "أربعة عشر",
    "خمسة عشر",
    "ستة عشر",
    "سبعة عشر",
    "ثمانية عشر",
    "تسعة عشر",
)
TENS = ("", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون")
HUNDREDS = (
    "",
    "مائة",
    "مئتان",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
)


class Noun(NamedTuple):
    """A counted noun's forms: one, two, three to ten, eleven to ninety-nine."""

    singular: str
    dual: str
    plural: str
    accusative: str

    def after(self, count: int) -> str:
        """The form that follows `count` (3 and more: the number is written before it)."""
        rest = count % 100
        if 3 <= rest <= 10:
            return self.plural
        if 11 <= rest <= 99:
            return self.accusative
        return self.singular


# The powers of a thousand, largest first, as counted nouns.
SCALES = (
    (10**9, Noun("مليار", "ملياران", "مليارات", "مليارًا")),
    (10**6, Noun("مليون", "مليونان", "ملايين", "مليونًا")),
    (10**3, Noun("ألف", "ألفان", "آلاف", "ألفًا")),
)
# The currency and its hundredth, as the sentence names them.
CURRENCIES = {
    "MAD": (
        Noun("درهم", "درهمان", "دراهم", "درهمًا"),
        Noun("سنتيم", "سنتيمان", "سنتيمات", "سنتيمًا"),
    ),
    "EUR": (Noun("يورو", "يوروان", "يوروات", "يورو"), Noun("سنت", "سنتان", "سنتات", "سنتًا")),
}


def _below_thousand(number: int) -> list[str]:
    hundreds, rest = divmod(number, 100)
    parts = [HUNDREDS[hundreds]] if hundreds else []
    if rest >= 20:
        units, tens = rest % 10, TENS[rest // 10]
        # The units before the tens, as Arabic says them: "خمسة وستون".
        parts.append(f"{UNITS[units]} {AND}{tens}" if units else tens)
    elif rest:
        parts.append(UNITS[rest])
    return parts


def _counted(count: int, noun: Noun) -> str:
    """`count` of `noun` (count ≥ 1): "ألف", "ألفان", "ثلاثة آلاف", "أحد عشر ألفًا"."""
    if count == 1:
        return noun.singular
    if count == 2:
        return noun.dual
    return f"{number_in_words(count)} {noun.after(count)}"


def number_in_words(number: int) -> str:
    """A whole number ≥ 0 in Arabic words, in the nominative: 1234 -> "ألف ومئتان وأربعة
    وثلاثون"."""
    if number < 0:
        raise ValueError("a number in words is never negative")
    if number == 0:
        return "صفر"
    parts: list[str] = []
    for scale, noun in SCALES:
        count, number = divmod(number, scale)
        if count:
            parts.append(_counted(count, noun))
    parts.extend(_below_thousand(number))
    return f" {AND}".join(parts)


def amount(count: int, noun: Noun) -> str:
    """`count` of a currency's `noun`: "درهم واحد", "درهمان", "ثلاثة دراهم", "صفر درهم"."""
    if count == 1:
        return f"{noun.singular} {UNITS[1]}"
    if count == 2:
        return noun.dual
    return f"{number_in_words(count)} {noun.after(count)}"


def amount_in_arabic_words(cents: int, currency: str = "MAD") -> str:
    """46511 MAD -> "أربعمائة وخمسة وستون درهمًا وأحد عشر سنتيمًا"."""
    if cents < 0:
        raise ValueError("an amount in words is never negative")
    unit = Noun(currency, currency, currency, currency)
    whole, hundredth = CURRENCIES.get(
        currency, (unit, Noun("سنتيم", "سنتيمان", "سنتيمات", "سنتيمًا"))
    )
    units, hundredths = divmod(cents, 100)
    words = amount(units, whole)
    if hundredths:
        words += f" {AND}{amount(hundredths, hundredth)}"
    return words


def arabic_closing_sentence(credit_note: bool, cents: int, currency: str = "MAD") -> str:
    """The Arabic sentence an invoice (or a credit note) ends with, its total in words, tax
    included (the French one: gestco.domain.documents.closing_sentence)."""
    words = amount_in_arabic_words(cents, currency)
    if credit_note:
        return f"حُصر هذا الإشعار الدائن في مبلغ قدره {words}، شاملًا للضريبة على القيمة المضافة."
    return f"حُصرت هذه الفاتورة في مبلغ قدره {words}، شاملًا للضريبة على القيمة المضافة."
