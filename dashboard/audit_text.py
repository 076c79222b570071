"""The audit log in words: what each action was and what its details say.

The log keeps codes (``cambiar_capacidad``) and JSON details (``{"capacidad_semanal": 80}``)
so that it reads the same whatever the interface language; the Auditoría page shows them to
an administrator as "Cambio de capacidad de un área" and "capacidad semanal: 80 · activa: sí".
Words live in ``dashboard.i18n`` (``audit.action.<code>``, ``audit.detail.<key>``); a code
with no words yet (a command added later) still reads as words, its underscores as spaces.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from dashboard.formats import format_date, format_datetime
from dashboard.i18n import DEFAULT_LANGUAGE, TEXTS, format_decimal, format_int, translate

ACTION_PREFIX = "audit.action"
DETAIL_PREFIX = "audit.detail"
#: Details whose values are themselves codes, and the i18n prefix that names them.
CODED_VALUES = {"rol": "role", "motivo": "reason"}
#: Details holding a dictionary keyed by codes (targets by priority), and their prefix.
CODED_KEYS = {"metas": "priority"}
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?")


def known_actions() -> list[str]:
    """Every action code the log is known to hold, in the order the words are listed."""
    prefix = f"{ACTION_PREFIX}."
    return [key.removeprefix(prefix) for key in TEXTS if key.startswith(prefix)]


def action_words(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The action in words: "Cambio de capacidad de un área" for ``cambiar_capacidad``,
    "Otra cosa" for an unknown ``otra_cosa``."""
    key = f"{ACTION_PREFIX}.{code}"
    if key in TEXTS:
        return translate(key, lang)
    spaced = _spaced(code)
    return spaced[:1].upper() + spaced[1:]


def details_words(details: str | None, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The JSON details as "campo: valor · campo: valor" (``None`` when there are none).

    Text that is not a JSON object (written by hand, or by an older version) is shown as is.
    """
    if not details:
        return None
    try:
        parsed = json.loads(details)
    except ValueError:
        return details
    if not isinstance(parsed, dict):
        return _value(parsed, lang)
    return " · ".join(
        f"{_name(key, lang, DETAIL_PREFIX)}: {_value(value, lang, key)}"
        for key, value in parsed.items()
    )


def _name(key: str, lang: str, prefix: str) -> str:
    """The words for ``key`` under ``prefix``, or the key itself with spaces."""
    text_key = f"{prefix}.{key}"
    return translate(text_key, lang) if text_key in TEXTS else _spaced(key)


def _value(value: object, lang: str, key: str | None = None) -> str:
    """One value in words; ``key`` is the detail it belongs to, which may say it is a code."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("audit.yes" if value else "audit.no", lang)
    if isinstance(value, int):
        return format_int(value, lang)
    if isinstance(value, float):
        return format_decimal(value, lang)
    if isinstance(value, list):
        return ", ".join(_value(item, lang) for item in value) or "—"
    if isinstance(value, dict):
        prefix = CODED_KEYS.get(key, DETAIL_PREFIX)
        inner = ", ".join(
            f"{_name(str(inner_key), lang, prefix)}: {_value(inner_value, lang, inner_key)}"
            for inner_key, inner_value in value.items()
        )
        return f"({inner})"
    text = str(value)
    coded = f"{CODED_VALUES[key]}.{text}" if key in CODED_VALUES else None
    return translate(coded, lang) if coded in TEXTS else _moment(text, lang)


def _moment(text: str, lang: str) -> str:
    """An ISO date or date and time (as exports store their filters) the way tables show
    them in ``lang`` (``01/12/2026 22:20``, ``2026-12-01 22:20``); any other text unchanged."""
    match = _ISO_MOMENT.fullmatch(text)
    try:
        moment = datetime.fromisoformat(text) if match else None
    except ValueError:  # shaped like a date but none, such as 2026-13-45
        moment = None
    if moment is None:
        return text
    return (format_datetime if match.group(1) else format_date)(moment, lang)


def _spaced(code: str) -> str:
    return code.replace("_", " ")
