"""Comparing two requests field by field: a score from 0 to 100 and the reasons behind it.

Each field gets a verdict (``agree``, ``similar``, ``differ`` or ``missing`` when either side
lacks it) worth a share of its weight; the weights add up to 100, so the score reads as "how
much of the evidence points to the same request". A missing field is worth half its weight:
it neither supports nor contradicts the pair. The reasons are data (a small JSON object
stored with the pair); ``words.describe`` turns them into sentences.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from rapidfuzz.utils import default_process

#: How many days apart two intakes of the same request may be, unless told otherwise.
DEFAULT_WINDOW_DAYS = 30
#: Points each field can give; they add up to 100.
WEIGHTS = {"document": 35, "name": 20, "phone": 15, "address": 10, "category": 10, "time": 10}
#: Names at least this alike (rapidfuzz token-sort ratio, 0–100) are "similar": a typo, a
#: second name left out, the surname first.
NAME_SIMILAR = 85
#: Addresses need more: "San Martín 123" and "San Martín 132" are other houses.
ADDRESS_SIMILAR = 90
#: Digits of a phone compared: the national number, whatever prefix (+54, 9, 0) it carried.
PHONE_DIGITS = 10
_NON_DIGIT = re.compile(r"\D")
#: Words that only announce a house number ("N° 1234", "nro. 1234").
_NUMBER_MARKS = frozenset({"n", "nro", "num", "numero"})


class Verdict(StrEnum):
    AGREE = "agree"
    SIMILAR = "similar"
    DIFFER = "differ"
    MISSING = "missing"


#: Share of a field's weight each verdict earns; "similar" depends on the field (below).
_SHARE = {Verdict.AGREE: 1.0, Verdict.DIFFER: 0.0, Verdict.MISSING: 0.5}
#: A "similar" DNI is one typo away; a "similar" category is another one of the same group.
_SIMILAR_SHARE = {"document": 0.7, "name": 0.75, "address": 0.75, "category": 0.5}


@dataclass(frozen=True)
class Facts:
    """What the comparison looks at in one request (a case in the base or a sheet's row)."""

    dni: str | None
    first_name: str | None
    last_name: str | None
    phone: str | None
    address: str | None
    category_id: int
    #: The category's group (``categories.parent_id``; a top-level category is its own).
    group_id: int
    created_at: datetime


@dataclass(frozen=True)
class Match:
    score: int
    #: Field → verdict, and ``days``: whole days between the two intakes.
    reasons: dict[str, str | int]


def compare(first: Facts, second: Facts, window_days: int = DEFAULT_WINDOW_DAYS) -> Match:
    """How alike two requests are; intakes ``window_days`` or more apart earn no time points."""
    verdicts = {
        "document": _document(first.dni, second.dni),
        "name": _name(first, second),
        "phone": _phone(first.phone, second.phone),
        "address": _text_verdict(address_key(first.address), address_key(second.address),
                                 ADDRESS_SIMILAR),
        "category": _category(first, second),
    }  # fmt: skip
    seconds = abs((first.created_at - second.created_at).total_seconds())
    time_share = max(0.0, 1.0 - seconds / (window_days * 86_400)) if window_days > 0 else 0.0
    points = WEIGHTS["time"] * time_share + sum(
        WEIGHTS[field] * _share(field, verdict) for field, verdict in verdicts.items()
    )
    reasons: dict[str, str | int] = {field: str(verdict) for field, verdict in verdicts.items()}
    reasons["days"] = int(seconds // 86_400)
    return Match(min(100, math.floor(points + 0.5)), reasons)


def name_key(first_name: str | None, last_name: str | None) -> str:
    """A name as compared: accents, case and punctuation aside."""
    return _folded(" ".join(part for part in (first_name, last_name) if part))


def names_close(first: Facts, second: Facts) -> bool:
    """The gate a pair found through a shared phone or address must pass: without a close
    name, sharing a home or a phone is what relatives do."""
    return _name(first, second) in (Verdict.AGREE, Verdict.SIMILAR)


def phone_key(phone: str | None) -> str | None:
    """The last ``PHONE_DIGITS`` digits, or None when the phone has fewer (not a phone)."""
    digits = _NON_DIGIT.sub("", phone or "")
    return digits[-PHONE_DIGITS:] if len(digits) >= PHONE_DIGITS - 2 else None


def address_key(address: str | None) -> str | None:
    """An address as compared: accents, case, punctuation, spacing and "N°" aside."""
    words = [word for word in _folded(address or "").split() if word not in _NUMBER_MARKS]
    return " ".join(words) or None


def _folded(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return default_process(bare)


def _document(first: str | None, second: str | None) -> Verdict:
    if not first or not second:
        return Verdict.MISSING
    if first == second:
        return Verdict.AGREE
    # One mistyped or swapped digit in a number of the same length.
    similar = len(first) == len(second) and OSA.distance(first, second) <= 1
    return Verdict.SIMILAR if similar else Verdict.DIFFER


def _name(first: Facts, second: Facts) -> Verdict:
    return _text_verdict(
        name_key(first.first_name, first.last_name),
        name_key(second.first_name, second.last_name),
        NAME_SIMILAR,
    )


def _text_verdict(first: str | None, second: str | None, similar_from: int) -> Verdict:
    if not first or not second:
        return Verdict.MISSING
    if first.replace(" ", "") == second.replace(" ", ""):
        return Verdict.AGREE
    return Verdict.SIMILAR if _likeness(first, second) >= similar_from else Verdict.DIFFER


def _likeness(first: str, second: str) -> float:
    """Token-sort ratio (typos, word order); when both have two words or more, also the
    token-set ratio, so a second name or a street type left out still reads as alike. One
    word alone ("Pérez") is never close to a full name by being part of it."""
    ratio = fuzz.token_sort_ratio(first, second)
    if min(first.count(" "), second.count(" ")) >= 1:
        ratio = max(ratio, fuzz.token_set_ratio(first, second))
    return ratio


def _phone(first: str | None, second: str | None) -> Verdict:
    first_key, second_key = phone_key(first), phone_key(second)
    if first_key is None or second_key is None:
        return Verdict.MISSING
    return Verdict.AGREE if first_key == second_key else Verdict.DIFFER


def _category(first: Facts, second: Facts) -> Verdict:
    if first.category_id == second.category_id:
        return Verdict.AGREE
    return Verdict.SIMILAR if first.group_id == second.group_id else Verdict.DIFFER


def _share(field: str, verdict: Verdict) -> float:
    return _SIMILAR_SHARE[field] if verdict == Verdict.SIMILAR else _SHARE[verdict]
