"""Línea de base on both databases: freezing stores the figures with their hash and an audit
entry; later writes leave it as it was, and today's recomputation moves only when the history
before its cut-off changed; the database refuses to update it; only the task force may freeze,
each name once; its workbook and PDF say what it holds."""

from __future__ import annotations

import io
import json
import threading
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine, Row, select, update
from sqlalchemy.exc import DBAPIError

from auth.roles import Actor
from dashboard.canonical import sha256_of
from dashboard.commands import (
    CommandError,
    PermissionDenied,
    Reason,
    ShownCase,
    freeze_baseline,
    reassign,
)
from dashboard.domain import EventKind, Role, Status, local_now
from dashboard.evidence.baseline import (
    DEFINITIONS_VERSION,
    baseline_content,
    compare,
    compute,
    cover_of,
    frozen_baseline,
    pdf_bytes,
    xlsx_bytes,
)
from dashboard.models import AuditEntry, Baseline, Case
from queries.baselines import baseline_list
from queries.filters import CaseFilters
from tests.builders import World, add_case, add_event, add_role_users, case_code, small_world

MESA = Actor("mesa", Role.MESA)
SEPTEMBER = CaseFilters.for_period(date(2026, 9, 1), date(2026, 9, 30), local_now())


def september(engine: Engine) -> tuple[World, dict[str, int]]:
    """Four cases created in September 2026 (the period of ``SEPTEMBER``, cut at 1 October):

    - ``closed``: WhatsApp, La Plata, closed on the 10th;
    - ``open``: WhatsApp, La Plata, still open;
    - ``mail``: e-mail, Tandil, still open, in Hábitat;
    - ``later``: WhatsApp, La Plata, still open (the one history will close on the 25th).
    """
    world = small_world(engine)
    add_role_users(engine, world)
    cases = {
        "closed": add_case(engine, world, created_at=datetime(2026, 9, 2, 10),
                           closed_at=datetime(2026, 9, 10, 12)),
        "open": add_case(engine, world, created_at=datetime(2026, 9, 5, 9)),
        "mail": add_case(engine, world, created_at=datetime(2026, 9, 8, 11), channel=world.email,
                         municipality=world.tandil, department=world.housing),
        "later": add_case(engine, world, created_at=datetime(2026, 9, 12, 15)),
    }  # fmt: skip
    return world, cases


def stored(engine: Engine, baseline_id: int) -> Row:
    """The baseline's row as the database holds it, every column."""
    with engine.connect() as connection:
        table = Baseline.__table__
        return connection.execute(select(table).where(table.c.id == baseline_id)).one()


def test_freezing_stores_the_figures_their_hash_and_an_audit_entry(engine: Engine) -> None:
    september(engine)
    frozen = freeze_baseline(engine, MESA, "  Septiembre   2026 ", SEPTEMBER)

    row = stored(engine, frozen.id)
    assert (row.name, row.date_from, row.date_to) == ("Septiembre 2026", date(2026, 9, 1),
                                                       date(2026, 9, 30))  # fmt: skip
    assert (row.created_by, row.definitions_version) == ("mesa", DEFINITIONS_VERSION)
    assert row.content_hash == sha256_of(json.loads(row.content)) == frozen.content_hash
    assert json.loads(row.filters)["as_of"] == "2026-10-01T00:00:00"
    with engine.connect() as connection:
        content = baseline_content(connection, frozen.id)
        audited = connection.execute(
            select(AuditEntry.username, AuditEntry.target, AuditEntry.details)
            .where(AuditEntry.action == "congelar_linea_de_base")
        ).one()  # fmt: skip
        listed = baseline_list(connection)
    assert [content.figure(key) for key in ("inflow", "outflow", "backlog")] == [4, 1, 3]
    assert content.figure("referral_rate") == 0 and content.figure("ping_pong_rate") == 0
    by_channel = content.tables["channel"].set_index("group")["inflow"].to_dict()
    assert by_channel == {"WhatsApp": 3, "Correo electrónico": 1}
    partidos = content.tables["partido"].set_index("group")
    assert partidos.loc["La Plata", "inflow_per_10k"] == pytest.approx(3 * 10_000 / 800_000)
    assert partidos.loc["Tandil", "backlog_per_10k"] == pytest.approx(1 * 10_000 / 140_000)
    assert content.filters == SEPTEMBER
    assert audited.username == "mesa" and audited.target == "Septiembre 2026"
    assert json.loads(audited.details)["hash"] == frozen.content_hash
    assert listed["name"].tolist() == ["Septiembre 2026"]


def test_later_writes_leave_it_and_only_history_before_the_cut_off_moves_today(
    engine: Engine,
) -> None:
    world, cases = september(engine)
    frozen = freeze_baseline(engine, MESA, "Septiembre", SEPTEMBER)
    before = stored(engine, frozen.id)

    # Today's writes: a supervisor moves a September case, and another one closes now.
    with engine.connect() as connection:
        version = connection.execute(
            select(Case.version).where(Case.id == cases["open"])
        ).scalar_one()
    [outcome] = reassign(
        engine, Actor("supervisora", Role.SUPERVISOR, (world.food,)),
        [ShownCase(case_code(engine, cases["open"]), version)], world.housing, None,
        Reason.OVER_CAPACITY, "Hábitat tiene lugar esta semana",
    )  # fmt: skip
    assert outcome.moved
    add_event(engine, cases["mail"], EventKind.CLOSED, local_now(), to_status=Status.CERRADA)
    with engine.connect() as connection:
        today = compute(connection, SEPTEMBER)
        assert compare(frozen.content, today)["same"].all()

    # A correction of the history inside the period: the case closed on the 25th.
    add_event(engine, cases["later"], EventKind.CLOSED, datetime(2026, 9, 25, 10),
              to_status=Status.CERRADA)  # fmt: skip
    with engine.connect() as connection:
        today = compute(connection, SEPTEMBER)
        again = frozen_baseline(connection, frozen.id)
    differences = compare(frozen.content, today).set_index("figure")
    changed = set(differences.index[~differences["same"]])
    assert {"outflow", "backlog", "sla_compliance"} <= changed
    assert differences.loc["outflow", "today"] == 2 and differences.loc["outflow", "frozen"] == 1
    assert differences.loc["backlog", "difference"] == -1
    assert "inflow" not in changed
    assert stored(engine, frozen.id) == before
    assert again.content_hash == frozen.content_hash and again.content.figure("outflow") == 1


def test_the_database_refuses_to_change_or_delete_a_baseline(engine: Engine) -> None:
    september(engine)
    frozen = freeze_baseline(engine, MESA, "Septiembre", SEPTEMBER)
    with pytest.raises(DBAPIError, match="frozen"), engine.begin() as connection:
        connection.execute(
            update(Baseline).where(Baseline.id == frozen.id).values(content='{"inflow": 0}')
        )
    with pytest.raises(DBAPIError, match="frozen"), engine.begin() as connection:
        connection.execute(Baseline.__table__.delete().where(Baseline.id == frozen.id))
    assert stored(engine, frozen.id).content_hash == frozen.content_hash


@pytest.mark.parametrize("role", [Role.GABINETE, Role.SUPERVISOR, Role.INGRESO])
def test_only_the_task_force_may_freeze(engine: Engine, role: Role) -> None:
    september(engine)
    with pytest.raises(PermissionDenied, match="mesa de trabajo o un administrador"):
        freeze_baseline(engine, Actor(role.value, role), "Septiembre", SEPTEMBER)
    freeze_baseline(engine, Actor("admin", Role.ADMIN), "Septiembre", SEPTEMBER)
    with engine.connect() as connection:
        assert baseline_list(connection)["created_by"].tolist() == ["admin"]


def test_a_name_is_frozen_once_even_by_two_people_at_the_same_moment(engine: Engine) -> None:
    september(engine)
    freeze_baseline(engine, MESA, "Septiembre", SEPTEMBER)
    with pytest.raises(CommandError, match="Ya existe una línea de base llamada «Septiembre»"):
        freeze_baseline(engine, Actor("admin", Role.ADMIN), "Septiembre", SEPTEMBER)

    start, results = threading.Barrier(2), []

    def freeze(actor: Actor) -> None:
        start.wait()
        try:
            results.append(freeze_baseline(engine, actor, "Octubre", SEPTEMBER).created_by)
        except CommandError as refusal:
            results.append(str(refusal))

    threads = [threading.Thread(target=freeze, args=(actor,))
               for actor in (MESA, Actor("admin", Role.ADMIN))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refusal = "Ya existe una línea de base llamada «Octubre»: elegí otro nombre."
    assert sorted(results, key=len) in (["mesa", refusal], ["admin", refusal])
    with engine.connect() as connection:
        assert sorted(baseline_list(connection)["name"]) == ["Octubre", "Septiembre"]


def test_the_files_hold_the_frozen_figures_and_say_what_they_are_of(engine: Engine) -> None:
    september(engine)
    frozen = freeze_baseline(engine, MESA, "Septiembre", SEPTEMBER)
    with engine.connect() as connection:
        cover = cover_of(connection, frozen, "es")
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(xlsx_bytes(frozen, cover, "es")))
    assert workbook.sheet_names == ["Línea de base", "Cifras principales", "Canal",
                                    "Área de ingreso", "Grupo de categorías", "Partido",
                                    "Definiciones"]  # fmt: skip
    lines = dict(workbook.get_sheet_by_name("Línea de base").to_python()[1:])
    assert lines["Hash del contenido (SHA-256)"] == frozen.content_hash
    assert lines["Período"] == "del 01/09/2026 al 30/09/2026"
    assert lines["Filtros"] == "ninguno, toda la provincia"
    headline = {row[0]: row[2] for row in workbook.get_sheet_by_name("Cifras principales")
                .to_python()[1:]}  # fmt: skip
    assert headline["Ingresos"] == 4 and headline["Stock pendiente al corte"] == 3

    pages = PdfReader(io.BytesIO(pdf_bytes(frozen, cover, "es"))).pages
    first = " ".join(pages[0].extract_text().split())
    assert "Línea de base «Septiembre»" in first and frozen.content_hash in first
    assert "Tasa de ida y vuelta" in first and "DEFINICIONES" in first.upper()
    assert "La Plata" in " ".join(page.extract_text() for page in pages[1:])
