"""An invoice's total in Arabic words: the numbers in the nominative (after "مبلغ قدره"), the
conjunction joined to the word after it, the counted noun in the form MSA gives it after each
number (1, 2, 3 to 10, 11 to 99, the round hundreds), the Moroccan closing sentence."""

from __future__ import annotations

import pytest

from gestco.domain.arabic_amounts import (
    amount_in_arabic_words,
    arabic_closing_sentence,
    number_in_words,
)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "صفر"),
        (7, "سبعة"),
        (12, "اثنا عشر"),
        (21, "واحد وعشرون"),
        (65, "خمسة وستون"),
        (100, "مائة"),
        (200, "مئتان"),  # standing alone, never the construct "مئتا"
        (465, "أربعمائة وخمسة وستون"),
        (1000, "ألف"),
        (2000, "ألفان"),
        (3000, "ثلاثة آلاف"),
        (11000, "أحد عشر ألفًا"),
        (100000, "مائة ألف"),
        (1234, "ألف ومئتان وأربعة وثلاثون"),
        (7451, "سبعة آلاف وأربعمائة وواحد وخمسون"),
        (2_500_000, "مليونان وخمسمائة ألف"),
        (3_000_000_000, "ثلاثة مليارات"),
    ],
)
def test_numbers_in_words(number: int, words: str) -> None:
    assert number_in_words(number) == words


@pytest.mark.parametrize(
    ("cents", "words"),
    [
        (100, "درهم واحد"),
        (200, "درهمان"),
        (300, "ثلاثة دراهم"),
        (1000, "عشرة دراهم"),
        (1100, "أحد عشر درهمًا"),
        (46511, "أربعمائة وخمسة وستون درهمًا وأحد عشر سنتيمًا"),
        (10000, "مائة درهم"),
        (10050, "مائة درهم وخمسون سنتيمًا"),
        (1235, "اثنا عشر درهمًا وخمسة وثلاثون سنتيمًا"),
        (301, "ثلاثة دراهم وسنتيم واحد"),
        (5, "صفر درهم وخمسة سنتيمات"),
        (100_000_000, "مليون درهم"),
    ],
)
def test_dirhams_and_centimes_agree_with_their_number(cents: int, words: str) -> None:
    assert amount_in_arabic_words(cents, "MAD") == words


def test_the_closing_sentences() -> None:
    invoice = arabic_closing_sentence(False, 46511, "MAD")
    assert invoice == (
        "حُصرت هذه الفاتورة في مبلغ قدره أربعمائة وخمسة وستون درهمًا وأحد عشر سنتيمًا،"
        " شاملًا للضريبة على القيمة المضافة."
    )
    credit = arabic_closing_sentence(True, 1235, "MAD")
    assert credit.startswith("حُصر هذا الإشعار الدائن في مبلغ قدره اثنا عشر درهمًا")
    assert "يورو" in arabic_closing_sentence(False, 1200, "EUR")
    assert "و " not in invoice  # the conjunction is joined to the next word


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(ValueError):
        amount_in_arabic_words(-1)
