"""One translation table: every text exists in both languages, and pages hard-code none."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from dashboard.i18n import LANGUAGES, TEXTS, format_int, format_percent, translate
from dashboard.settings import PROJECT_ROOT

UI_MODULES = sorted(
    [*(PROJECT_ROOT / "pages").glob("*.py"), *(PROJECT_ROOT / "dashboard").glob("*.py")]
)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_exists_in_every_language_with_the_same_placeholders(key: str) -> None:
    entry = TEXTS[key]
    assert set(entry) == set(LANGUAGES)
    fields = {
        lang: {name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name}
        for lang in LANGUAGES
    }
    assert fields["es"] == fields["en"]


@pytest.mark.parametrize("module", UI_MODULES, ids=lambda path: path.name)
def test_ui_modules_pass_no_literal_text_to_streamlit(module: Path) -> None:
    """A string literal given to ``st.something(...)`` would escape the translation table."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    offenders = [
        f"{module.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "st"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]
    assert offenders == []


def test_numbers_are_written_the_local_way() -> None:
    assert format_int(1234567, "es") == "1.234.567"
    assert format_int(1234567, "en") == "1,234,567"
    assert format_percent(0.125, "es") == "12,5 %"
    assert format_percent(0.125, "en") == "12.5%"


def test_unknown_language_falls_back_to_spanish() -> None:
    assert translate("page.resumen", "fr") == "Resumen"
