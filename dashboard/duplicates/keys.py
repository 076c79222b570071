"""Blocking keys: the normalised phone and address, written once for SQL and once for Python.

Blocking joins citizens on these keys in the database; the probe computes the same keys for
rows not yet written and looks them up. Both sides must agree to the character, so the SQL
expression and its Python twin are built from the same table of replacements. The keys are
coarser than the comparison's (``compare.phone_key``, ``compare.address_key``): they only
decide which pairs get compared.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func

from dashboard.duplicates.compare import PHONE_DIGITS
from dashboard.sql_functions import last_chars

#: Shortest run of digits taken for a phone: fewer is a fragment, not a number.
MIN_PHONE_DIGITS = PHONE_DIGITS - 2
#: Characters a written phone carries besides its digits.
_PHONE_MARKS = (" ", "-", "+", "(", ")", ".", "/")
#: An address in lower case without the usual accents, "N°", spacing and punctuation. SQLite's
#: ``lower`` leaves non-ASCII capitals alone, so they are folded here too; the list stays
#: short because SQLite's parser refuses deeper nesting of ``replace``.
_ADDRESS_FOLDS = {
    **{accented: plain for plain, group in (("a", "áÁ"), ("e", "éÉ"), ("i", "íÍ"), ("o", "óÓ"),
                                          ("u", "úÚü"), ("n", "ñÑ")) for accented in group},
    **dict.fromkeys(("n°", "nº", " ", ".", ",", "°", "º", "-"), ""),
}  # fmt: skip


def phone_digits_sql(column: ColumnElement) -> ColumnElement:
    expression = column
    for mark in _PHONE_MARKS:
        expression = func.replace(expression, mark, "")
    return expression


def phone_key_sql(column: ColumnElement) -> ColumnElement:
    return last_chars(phone_digits_sql(column), PHONE_DIGITS)


def phone_key_usable_sql(column: ColumnElement) -> ColumnElement[bool]:
    return func.length(phone_digits_sql(column)) >= MIN_PHONE_DIGITS


def address_key_sql(column: ColumnElement) -> ColumnElement:
    expression = func.lower(column)
    for old, new in _ADDRESS_FOLDS.items():
        expression = func.replace(expression, old, new)
    return expression


def phone_block_key(phone: str | None) -> str | None:
    """``phone_key_sql`` in Python; None where the SQL side would not block on it."""
    digits = phone or ""
    for mark in _PHONE_MARKS:
        digits = digits.replace(mark, "")
    return digits[-PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else None


def address_block_key(address: str | None) -> str | None:
    """``address_key_sql`` in Python; None for an empty address."""
    key = (address or "").lower()
    for old, new in _ADDRESS_FOLDS.items():
        key = key.replace(old, new)
    return key or None
