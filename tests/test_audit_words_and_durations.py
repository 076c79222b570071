"""Stored values put into words: business durations and the audit log's codes and details."""

from __future__ import annotations

import ast
import json

import pytest
from sqlalchemy import Engine

from auth.roles import Actor
from dashboard import commands
from dashboard.audit_text import action_words, details_words, known_actions
from dashboard.domain import Priority, Role, local_now
from dashboard.durations import business_duration
from dashboard.i18n import translate
from dashboard.settings import PROJECT_ROOT
from queries.audit import audit_entries
from tests.builders import small_world


@pytest.mark.parametrize(
    ("hours", "spanish", "english"),
    [
        (1202.5 * 24, "1.202 días hábiles", "1,202 business days"),
        (47.9, "1 día hábil", "1 business day"),
        (24, "1 día hábil", "1 business day"),
        (23.9, "23 horas hábiles", "23 business hours"),
        (5.5, "5 horas hábiles", "5 business hours"),
        (1, "1 hora hábil", "1 business hour"),
        (0.4, "menos de una hora hábil", "less than a business hour"),
    ],
)
def test_business_time_reads_as_whole_days_or_hours(
    hours: float, spanish: str, english: str
) -> None:
    assert business_duration(hours, "es") == spanish
    assert business_duration(hours, "en") == english


def test_actions_read_as_words_and_unknown_codes_as_spaced_words() -> None:
    assert action_words("cambiar_capacidad", "es") == "Cambio de capacidad de un área"
    assert action_words("cambiar_capacidad", "en") == "Department capacity changed"
    assert action_words("accion_del_futuro", "es") == "Accion del futuro"


def _written_actions() -> set[str]:
    """Every action code ``dashboard/commands.py`` hands to ``audit(...)``."""
    tree = ast.parse((PROJECT_ROOT / "dashboard" / "commands.py").read_text(encoding="utf-8"))
    calls = [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "audit"
    ]  # fmt: skip
    return {
        constant.value
        for call in calls
        for constant in ast.walk(call.args[2])
        if isinstance(constant, ast.Constant) and isinstance(constant.value, str)
    }


def test_every_action_the_commands_write_has_words() -> None:
    written = _written_actions()
    assert {"cambiar_capacidad", "reasignar", "habilitar_usuario"} <= written
    assert written <= set(known_actions())


@pytest.mark.parametrize(
    ("details", "spanish", "english"),
    [
        (
            {"capacidad_semanal": 1280, "activa": True},
            "capacidad semanal: 1.280 · activa: sí",
            "weekly capacity: 1,280 · active: yes",
        ),
        (
            {"de": "Asistencia Alimentaria", "a": "Hábitat", "motivo": "competencia_de_otra_area"},
            "área de origen: Asistencia Alimentaria · área de destino: Hábitat · motivo: "
            "competencia de otra área",
            "from: Asistencia Alimentaria · to: Hábitat · reason: another department's competence",
        ),
        (
            {"filtros": {"date_from": "2026-01-01", "as_of": "2026-03-31 14:05:00"}, "filas": 3},
            "filtros: (desde: 01/01/2026, corte: 31/03/2026 14:05) · filas: 3",
            "filters: (from: 2026-01-01, cut-off: 2026-03-31 14:05) · rows: 3",
        ),
        (
            {"grupo": 3, "metas": {"urgente": 24, "baja": 240}},
            "grupo: 3 · metas (horas): (urgente: 24, baja: 240)",
            "group: 3 · targets (hours): (urgent: 24, low: 240)",
        ),
        (
            {"rol": "supervisor", "areas": [1, 2]},
            "rol: supervisión · áreas: 1, 2",
            "role: supervisor · departments: 1, 2",
        ),
        (
            {"campo_nuevo": None, "fecha_rara": "2026-13-45"},
            "campo nuevo: — · fecha rara: 2026-13-45",
            "campo nuevo: — · fecha rara: 2026-13-45",
        ),
    ],
)
def test_details_read_as_field_and_value(details: dict, spanish: str, english: str) -> None:
    stored = json.dumps(details, ensure_ascii=False)
    assert details_words(stored, "es") == spanish
    assert details_words(stored, "en") == english


def test_details_that_are_not_a_json_object_are_shown_as_they_are() -> None:
    assert details_words(None) is None
    assert details_words("escrito a mano") == "escrito a mano"
    assert details_words("[1, 2]") == "1, 2"


def test_what_the_commands_store_reads_without_codes_or_braces(engine: Engine) -> None:
    world = small_world(engine)
    admin = Actor("admin", Role.ADMIN)
    commands.set_department_capacity(engine, admin, world.food, 80, False)
    commands.set_sla_target(engine, admin, world.flood, Priority.URGENTE, 12)
    today = local_now().date()
    with engine.connect() as connection:
        entries = audit_entries(connection, today, today)
    shown = {
        action_words(action): details_words(details)
        for action, details in zip(entries["action"], entries["details"], strict=True)
    }
    assert shown == {
        translate("audit.action.cambiar_capacidad"): "capacidad semanal: 80 · activa: no",
        translate("audit.action.cambiar_meta"): "horas: 12",
    }
