"""The seed's process changes and the evidence the analysis finds in them.

The seed plants a referral protocol that works (ping-pong halved, time to close × 0.7 in
three directorates) and a web form that does nothing, with a flood inside the web form's
weeks before. Two years of 60,000 cases, built once for the module (SQLite; the weekly
reads themselves are tested on both databases in ``test_evidence_series.py``):

- the seeded figures, read with plain SQL from the case rows and their stays (not through
  the analysis these figures are meant to check): ping-pong is a case with a stay back in a
  department it had left; a case's department is its first one, as in the evidence;
- the analysis finds the protocol at its planted size and not the web form, names the
  flood, and its placebos rarely fire; the command line's JSON and refusals; the page
  Evidencia per role and language.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import numpy as np
import pytest
from sqlalchemy import Engine, insert, select, text

from auth.roles import Actor
from dashboard.commands import freeze_baseline
from dashboard.db import build_engine
from dashboard.domain import DepartmentKind, Role
from dashboard.evidence.__main__ import main as evidence_command
from dashboard.evidence.analysis import Evidence, EvidenceRefused, analyse
from dashboard.evidence.frozen_before import frozen_before
from dashboard.i18n import format_decimal, translate
from dashboard.models import Baseline, Department, ProcessChange
from dashboard.prepare import DEMO_SEED
from dashboard.seed import Mode, flood_window, seed_database
from dashboard.seed.reforms import (
    PROTOCOL_CLOSE_FACTOR,
    PROTOCOL_DEPARTMENTS,
    PROTOCOL_NAME,
    PROTOCOL_PING_PONG_FACTOR,
    WEB_FORM_NAME,
    seeded_reforms,
)
from queries.filters import CaseFilters
from queries.process_changes import process_change
from tests.apptest_pages import page_as
from tests.builders import add_user
from tests.conftest import APP_COOKIE_KEY

UNTIL = date(2026, 11, 24)
AS_OF = datetime.combine(UNTIL, time.min)
#: Two years at about 600 cases a week: enough for the planted effects to stand out.
CASES, YEARS = 60_000, 2
#: The weeks on each side of a change the evidence compares by default.
WINDOW = timedelta(weeks=12)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo seed over two years, with the users of every role the pages need."""
    path = tmp_path_factory.mktemp("reforms") / "reforms.sqlite3"
    engine = build_engine(f"sqlite:///{path}")
    seed_database(engine, cases=CASES, seed=DEMO_SEED, years=YEARS, until=UNTIL)
    with engine.connect() as connection:
        internal = select(Department.id).where(Department.kind == DepartmentKind.INTERNAL)
        some_department = connection.execute(internal.limit(1)).scalar_one()
    add_user(engine, "mesa", Role.MESA)
    add_user(engine, "gabinete", Role.GABINETE)
    add_user(engine, "supervisora", Role.SUPERVISOR, (some_department,))
    yield engine
    engine.dispose()


def rows(engine: Engine, sql: str, **params) -> list:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).all()


def reform(name: str):
    return next(r for r in seeded_reforms(UNTIL) if r.name == name)


CASES_IN_WINDOW = """
    SELECT c.created_at, c.closed_at,
           EXISTS (SELECT 1 FROM case_stays r WHERE r.case_id = c.id AND r.revisit) AS ping_pong
    FROM cases c
    JOIN case_stays first ON first.case_id = c.id AND first.step = 1
    JOIN departments d ON d.id = first.department_id
    JOIN channels ch ON ch.id = c.channel_id
    WHERE c.created_at >= :since AND c.created_at < :before AND {where}
"""


def figures(engine: Engine, since: date, before: date, where: str) -> tuple[float, float]:
    """Ping-pong share and median hours to close of the cases created in ``[since, before)``
    that reached a department and meet ``where``."""
    found = rows(engine, CASES_IN_WINDOW.format(where=where), since=since, before=before)
    assert len(found) > 300
    ping_pong = np.mean([bool(r.ping_pong) for r in found])
    hours = [(_moment(r.closed_at) - _moment(r.created_at)) / timedelta(hours=1)
             for r in found if r.closed_at is not None]  # fmt: skip
    return float(ping_pong), float(np.median(hours))


def _moment(value: datetime | str) -> datetime:
    """SQLite hands raw SQL's datetimes back as text."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def before_after(engine: Engine, day: date, where: str) -> tuple[float, float]:
    """After ÷ before, for the ping-pong share and the median time to close."""
    before = figures(engine, day - WINDOW, day, where)
    after = figures(engine, day, day + WINDOW, where)
    return after[0] / before[0], after[1] / before[1]


def test_both_changes_are_registered_with_what_they_touched(seeded: Engine) -> None:
    stored = {r.name: r for r in rows(seeded, "SELECT * FROM process_changes")}
    assert set(stored) == {PROTOCOL_NAME, WEB_FORM_NAME}
    departments = {r.id: (r.code, r.kind) for r in rows(seeded, "SELECT * FROM departments")}
    channels = dict(rows(seeded, "SELECT id, code FROM channels"))
    protocol = json.loads(stored[PROTOCOL_NAME].touches)
    web_form = json.loads(stored[WEB_FORM_NAME].touches)
    touched = sorted(departments[i] for i in protocol["department"])
    assert touched == sorted((code, "interna") for code in PROTOCOL_DEPARTMENTS)
    assert protocol["channel"] == protocol["intake_area"] == protocol["category_group"] == []
    assert [channels[i] for i in web_form["channel"]] == ["web"]
    assert web_form["department"] == []
    for change in stored.values():
        effective = date.fromisoformat(str(change.effective_on)[:10])
        assert effective == reform(change.name).effective_on and effective.weekday() == 0
        assert change.registered_by == "mesa" and change.version == 1


def test_the_flood_lies_in_the_weeks_before_the_web_form_and_not_the_protocol() -> None:
    flood_start, flood_last = flood_window(UNTIL)
    web_form, protocol = reform(WEB_FORM_NAME).effective_on, reform(PROTOCOL_NAME).effective_on
    assert web_form - WINDOW <= flood_start and flood_last < web_form
    assert web_form + WINDOW <= protocol  # the web form's weeks after hold no protocol
    assert flood_last < protocol - WINDOW
    assert timedelta(weeks=20) <= UNTIL - protocol < timedelta(weeks=21)


def test_the_protocol_halves_ping_pong_and_shortens_closing_where_it_applies(
    seeded: Engine,
) -> None:
    on = reform(PROTOCOL_NAME).effective_on
    touched = "d.code IN ({})".format(", ".join(f"'{c}'" for c in PROTOCOL_DEPARTMENTS))
    ping_pong, close = before_after(seeded, on, touched)
    other_ping_pong, other_close = before_after(seeded, on, f"NOT ({touched})")
    assert 0.35 <= ping_pong <= 0.7
    assert abs(close - PROTOCOL_CLOSE_FACTOR) <= 0.15
    # The other departments move with the season only; against them, the seeded size.
    assert 0.7 <= other_ping_pong <= 1.3 and 0.85 <= other_close <= 1.3
    assert abs(close / other_close - PROTOCOL_CLOSE_FACTOR) <= 0.15


def test_the_web_form_changes_nothing(seeded: Engine) -> None:
    """Web cases against the other channels' around its date, the flood's own cases aside
    (they are slower, and in every channel). Its ping-pong is not compared: a few dozen web
    cases bounce in twelve weeks, too few to tell anything; nor its share of the inflow,
    which grows all along (``cases.CHANNEL_GROWTH``)."""
    on = reform(WEB_FORM_NAME).effective_on
    flood_start, flood_last = flood_window(UNTIL)
    calm = (f"NOT (c.created_at >= '{flood_start}' "
            f"AND c.created_at < '{flood_last + timedelta(days=1)}')")  # fmt: skip
    _, web_close = before_after(seeded, on, f"ch.code = 'web' AND {calm}")
    _, other_close = before_after(seeded, on, f"ch.code <> 'web' AND {calm}")
    assert 0.85 <= web_close / other_close <= 1.2


def test_replace_registers_them_anew_and_append_keeps_them_once(engine: Engine) -> None:
    """A change registered by hand goes with the data it was about; a frozen baseline stays
    on a real server (the SQLite demo file is rebuilt whole)."""
    seed_database(engine, cases=100, until=UNTIL)
    at = datetime(2026, 11, 1, 10)
    with engine.begin() as connection:
        connection.execute(
            insert(ProcessChange).values(
                name="Turnos por la tarde", description="", effective_on=date(2026, 10, 5),
                touches="{}", registered_by="ana", registered_at=at, updated_by="ana",
                updated_at=at,
            )
        )  # fmt: skip
        connection.execute(
            insert(Baseline).values(
                name="Línea 2026", date_from=date(2026, 1, 1), date_to=date(2026, 6, 30),
                filters="{}", definitions_version="1", content="{}", content_hash="0" * 64,
                created_by="ana", created_at=at,
            )
        )  # fmt: skip
    seed_database(engine, cases=50, until=UNTIL, mode=Mode.APPEND)
    names = [r.name for r in rows(engine, "SELECT name FROM process_changes ORDER BY name")]
    assert names == sorted([PROTOCOL_NAME, WEB_FORM_NAME, "Turnos por la tarde"])
    seed_database(engine, cases=100, until=UNTIL, mode=Mode.REPLACE)
    names = [r.name for r in rows(engine, "SELECT name FROM process_changes ORDER BY name")]
    assert names == sorted([PROTOCOL_NAME, WEB_FORM_NAME])
    kept = 1 if engine.dialect.name == "postgresql" else 0
    assert rows(engine, "SELECT count(*) FROM baselines")[0][0] == kept


# --- The evidence found in them -------------------------------------------------------


def evidence(engine: Engine, name: str, indicator: str, **options) -> Evidence:
    with engine.connect() as connection:
        return analyse(connection, process_change(connection, name), indicator, as_of=AS_OF,
                       **options)  # fmt: skip


def planted(found: Evidence, factor: float) -> float:
    """The planted effect in the indicator's unit: the touched groups' figure before the
    change, times the factor the seed applied, less itself."""
    return found.before.value * (factor - 1)


def test_the_protocol_is_found_at_its_planted_size_in_ping_pong(seeded) -> None:
    found = evidence(seeded, PROTOCOL_NAME, "ping_pong_share")

    assert found.verdict == "improved"
    assert found.effect.excludes_zero and found.effect.high < 0
    assert found.effect.estimate == pytest.approx(
        planted(found, PROTOCOL_PING_PONG_FACTOR), rel=0.20
    )
    assert found.controls and not set(found.treated) & set(found.controls)


def test_the_protocol_shortens_the_time_to_close(seeded) -> None:
    """The seed makes every step after the first department take ``PROTOCOL_CLOSE_FACTOR``
    of its time and also halves the returns, which shortens closing further: the planted
    effect is at least the steps' part, so the estimate must reach 80% of it, and stay
    well short of cases closing at once."""
    found = evidence(seeded, PROTOCOL_NAME, "time_to_close")

    assert found.verdict == "improved"
    assert found.effect.high < 0
    assert (
        planted(found, 0.4) < found.effect.estimate <= 0.8 * planted(found, PROTOCOL_CLOSE_FACTOR)
    )


def test_the_web_form_that_changed_nothing_is_not_an_improvement(seeded) -> None:
    engine = seeded
    found = evidence(engine, WEB_FORM_NAME, "time_to_close")

    assert found.verdict == "inconclusive"
    assert not found.effect.excludes_zero
    assert found.unit == "channel"


def test_the_flood_is_named_beside_the_web_forms_result(seeded) -> None:
    engine = seeded
    found = evidence(engine, WEB_FORM_NAME, "inflow")

    spikes = [c for c in found.confounders if c.kind == "spike"]
    assert spikes, found.confounders
    assert any(c.start < found.windows.change_week.date() for c in spikes)
    assert "confounders_in_windows" in found.cautions
    assert any(c.kind == "holiday" for c in found.confounders)


def test_placebos_where_nothing_changed_rarely_find_an_effect(seeded) -> None:
    engine = seeded
    found = evidence(engine, PROTOCOL_NAME, "time_to_close")

    assert found.placebo.runs >= 15
    assert found.placebo.rate <= 0.10


def test_a_transition_leaves_its_weeks_out(seeded) -> None:
    engine = seeded
    found = evidence(engine, PROTOCOL_NAME, "time_to_close", weeks=8, transition=2)

    windows = found.windows
    assert windows.transition == [windows.change_week, windows.change_week + timedelta(weeks=1)]
    assert windows.after[0] == windows.change_week + timedelta(weeks=2)
    assert len(windows.after) == len(windows.before) == 8
    fitted = found.its.fitted.dropna()
    assert not fitted.index.isin(windows.transition).any()


def test_comparison_groups_chosen_by_hand_are_used(seeded) -> None:
    engine = seeded
    automatic = evidence(engine, PROTOCOL_NAME, "ping_pong_share")
    chosen = list(automatic.controls)[:2]
    by_hand = evidence(engine, PROTOCOL_NAME, "ping_pong_share", controls=chosen)

    assert sorted(by_hand.controls) == sorted(chosen)
    assert by_hand.controls_by_hand


def test_a_change_without_enough_weeks_after_is_refused(seeded) -> None:
    engine = seeded
    with engine.connect() as connection:
        change = process_change(connection, PROTOCOL_NAME)
        with pytest.raises(EvidenceRefused, match="semanas completas"):
            analyse(connection, change, "time_to_close",
                    as_of=datetime.combine(change.effective_on, time.min))  # fmt: skip
        with pytest.raises(EvidenceRefused, match="Indicador desconocido"):
            analyse(connection, change, "felicidad", as_of=AS_OF)


def test_the_command_line_prints_the_verdict_as_json(seeded, capsys) -> None:
    url = seeded.url.render_as_string(hide_password=False)
    status = evidence_command(["--change", PROTOCOL_NAME, "--indicator", "time_to_close",
                               "--as-of", f"{UNTIL:%Y-%m-%d}", "--database-url", url])  # fmt: skip

    printed = json.loads(capsys.readouterr().out)
    assert status == 0
    assert printed["verdict"] == "improved"
    assert printed["interval"][1] < 0
    assert printed["method"] in ("did", "its")
    assert 0 <= printed["placebo_rate"] <= 1


def test_the_command_line_refuses_an_unknown_change_in_spanish(seeded, capsys) -> None:
    url = seeded.url.render_as_string(hide_password=False)
    status = evidence_command(["--change", "No existe", "--indicator", "inflow",
                               "--database-url", url])  # fmt: skip

    assert status == 2
    assert "no hay un cambio de proceso llamado «No existe»" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_page_gives_the_verdict_and_its_charts(seeded, monkeypatch, lang) -> None:
    url = seeded.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AUTH_COOKIE_KEY", APP_COOKIE_KEY)
    monkeypatch.setattr("dashboard.evidence_view.local_now", lambda: AS_OF)
    at = page_as("mesa", "evidencia", lang)
    at.selectbox(key="evidencia.cambio").select(PROTOCOL_NAME).run()

    assert not at.exception
    said = " ".join(box.value for box in at.success)
    assert translate("evidencia.verdict.improved", lang).split("**")[1] in said
    assert len(at.get("plotly_chart")) == 2
    assert translate("evidencia.confounders", lang) in [h.value for h in at.subheader]


def test_gabinete_reads_the_evidence_but_a_supervisor_never_reaches_it(seeded, monkeypatch):
    url = seeded.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AUTH_COOKIE_KEY", APP_COOKIE_KEY)
    at = page_as("gabinete", "evidencia")
    assert not at.exception
    assert at.title[0].value == translate("page.evidencia")
    with pytest.raises(LookupError):
        page_as("supervisora", "evidencia")


def test_a_frozen_baseline_stands_as_the_before_of_the_weeks_after(seeded, monkeypatch) -> None:
    """Frozen over the twelve weeks before the protocol in the departments it touched, the
    baseline's median time to close stands beside the weeks after, with the difference."""
    url = seeded.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AUTH_COOKIE_KEY", APP_COOKIE_KEY)
    monkeypatch.setattr("dashboard.evidence_view.local_now", lambda: AS_OF)
    with seeded.connect() as connection:
        change = process_change(connection, PROTOCOL_NAME)
    start = change.effective_on - timedelta(weeks=12)
    filters = CaseFilters.for_period(start, change.effective_on - timedelta(days=1), AS_OF,
                                     department_ids=change.touches["department"])  # fmt: skip
    frozen = freeze_baseline(seeded, Actor("mesa", Role.MESA), "Antes del protocolo", filters)
    before = frozen_before(frozen.content, "time_to_close")
    assert before == frozen.content.figure("close_median_days") > 0
    weekly_inflow = frozen_before(frozen.content, "inflow")
    assert weekly_inflow == pytest.approx(frozen.content.figure("inflow") / 12)
    assert frozen_before(frozen.content, "reopen_rate") is None

    at = page_as("mesa", "evidencia")
    at.selectbox(key="evidencia.cambio").select(PROTOCOL_NAME).run()
    at.selectbox(key="evidencia.linea_de_base").select(frozen.id).run()

    assert not at.exception
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["Línea de base «Antes del protocolo»"] == translate(
        "evidencia.days", value=format_decimal(before, "es", digits=1)
    )
    assert shown["Diferencia (después − línea de base)"].startswith(("-", "+"))
