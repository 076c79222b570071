"""The reads of "Duplicados" and the duplicate rate, with known answers on both databases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, select, update

from auth.roles import Actor
from dashboard.commands import merge_duplicates, undo_merge
from dashboard.domain import (
    DepartmentKind,
    DuplicateDecision,
    EventKind,
    Role,
    Status,
    local_now,
)
from dashboard.models import Case, DuplicatePair
from queries.case_detail import case_timeline
from queries.duplicates import (
    decided_pairs,
    differing_fields,
    duplicate_pair,
    duplicate_rate,
    overall_rate,
    review_counts,
    review_queue,
)
from queries.filters import CaseFilters
from tests.builders import (
    World,
    add_case,
    add_citizen,
    add_department,
    add_duplicate_pair,
    add_event,
    case_code,
    small_world,
)

FOUND = datetime(2026, 3, 20, 8, 0)


@dataclass(frozen=True)
class Pairs:
    """Three pairs (see ``pairs``) and the ids they touch."""

    world: World
    cabinet: int  # a second intake area, Coordinación de Gabinete
    ana: int  # pending, score 90: Modernización/Alimentaria and Gabinete/Hábitat, same person
    beto: int  # pending, score 70: both Gabinete/Hábitat, same DNI, another phone
    carla: int  # left for later, score 80: both Modernización/Hábitat
    codes: dict[str, tuple[str, str]]


@pytest.fixture
def pairs(engine: Engine) -> Pairs:
    w = small_world(engine)
    cabinet = add_department(engine, "ING-GAB", "Coordinación de Gabinete", DepartmentKind.INTAKE)
    beto = add_citizen(engine, "28999111", "Beto", "Suárez", phone="+54 9 249 444-0202",
                       email="beto@correo.example", address="Calle 12 N° 345")  # fmt: skip
    beto_again = add_citizen(engine, "28999112", "Beto", "Suárez", phone="+54 9 249 444-0999",
                             email="BETO@correo.example", address="Calle 12 N° 345")  # fmt: skip
    carla = add_citizen(engine, "35111222", "Carla", "Ibáñez")
    ana_cases = (
        add_case(engine, w, created_at=datetime(2026, 3, 2, 10)),
        add_case(engine, w, created_at=datetime(2026, 3, 5, 10), intake=cabinet,
                 department=w.housing, channel=w.email),
    )  # fmt: skip
    beto_cases = (
        add_case(engine, w, created_at=datetime(2026, 3, 3), intake=cabinet,
                 department=w.housing, citizen=beto),
        add_case(engine, w, created_at=datetime(2026, 3, 4), intake=cabinet,
                 department=w.housing, citizen=beto_again, category=w.storm),
    )  # fmt: skip
    carla_cases = tuple(
        add_case(engine, w, created_at=datetime(2026, 3, day), department=w.housing,
                 citizen=carla)
        for day in (6, 8)
    )  # fmt: skip
    ids = {
        name: add_duplicate_pair(engine, *cases, score=score, found_at=FOUND)
        for name, cases, score in (
            ("ana", ana_cases, 90), ("beto", beto_cases, 70), ("carla", carla_cases, 80),
        )
    }  # fmt: skip
    decide(engine, ids["carla"], DuplicateDecision.LATER)
    codes = {
        name: tuple(case_code(engine, case_id) for case_id in cases)
        for name, cases in (("ana", ana_cases), ("beto", beto_cases), ("carla", carla_cases))
    }
    return Pairs(w, cabinet, ids["ana"], ids["beto"], ids["carla"], codes)


def decide(
    engine: Engine,
    pair_id: int,
    decision: DuplicateDecision,
    survivor: int | None = None,
    at: datetime = FOUND,
) -> None:
    """A decision as the commands record it on the pair (the reads look only at the pair)."""
    with engine.begin() as connection:
        connection.execute(
            update(DuplicatePair)
            .where(DuplicatePair.id == pair_id)
            .values(decision=decision, decided_at=at, decided_by="admin", survivor_id=survivor)
        )


def queue(engine: Engine, actor: Actor, include_later: bool = False) -> list[int]:
    with engine.connect() as connection:
        return review_queue(connection, actor, include_later)["pair_id"].tolist()


def actors(p: Pairs) -> dict[str, Actor]:
    w = p.world
    return {
        "admin": Actor("admin", Role.ADMIN),
        "ingreso_modernizacion": Actor("clara", Role.INGRESO, (w.intake,)),
        "ingreso_gabinete": Actor("gabi", Role.INGRESO, (p.cabinet,)),
        "supervisora_alimentaria": Actor("ali", Role.SUPERVISOR, (w.food,)),
        "supervisora_habitat": Actor("hebe", Role.SUPERVISOR, (w.housing,)),
        "gabinete": Actor("gabinete", Role.GABINETE),
        "mesa": Actor("mesa", Role.MESA),
    }


def test_each_role_reviews_the_pairs_that_touch_its_areas(engine: Engine, pairs: Pairs) -> None:
    expected = {
        "admin": [pairs.ana, pairs.beto],
        "ingreso_modernizacion": [pairs.ana],  # Beto's cases came in through Gabinete
        "ingreso_gabinete": [pairs.ana, pairs.beto],
        "supervisora_alimentaria": [pairs.ana],  # one of Ana's cases is hers
        "supervisora_habitat": [pairs.ana, pairs.beto],
        "gabinete": [],
        "mesa": [],
    }
    assert {name: queue(engine, actor) for name, actor in actors(pairs).items()} == expected


def test_pairs_left_for_later_come_after_the_pending_ones(engine: Engine, pairs: Pairs) -> None:
    admin = actors(pairs)["admin"]
    assert queue(engine, admin, include_later=True) == [pairs.ana, pairs.beto, pairs.carla]
    with engine.connect() as connection:
        counts = review_counts(connection, admin).iloc[0].to_dict()
        first = review_queue(connection, admin).iloc[0]
    assert counts == {"pending": 2, "later": 1, "merged": 0, "not_duplicate": 0}
    assert (first["code_a"], first["code_b"]) == pairs.codes["ana"]
    assert (first["intake_area_a"], first["intake_area_b"]) == (
        "Modernización", "Coordinación de Gabinete",
    )  # fmt: skip
    assert (first["channel_a"], first["channel_b"]) == ("WhatsApp", "Correo electrónico")
    assert first["days_apart"] == pytest.approx(3.0)


def test_a_pair_side_by_side_masks_the_citizen_and_says_what_differs(
    engine: Engine, pairs: Pairs
) -> None:
    with engine.connect() as connection:
        beto = duplicate_pair(connection, actors(pairs)["admin"], pairs.beto)
    assert beto["code"].tolist() == list(pairs.codes["beto"])
    assert beto["version"].tolist() == [1, 1]
    assert beto["dni"].tolist() == ["**.***.111", "**.***.112"]
    assert beto["citizen"].tolist() == ["B. S.", "B. S."]
    assert beto["phone"].tolist() == ["***202", "***999"]
    assert beto["email"].tolist() == ["b***@correo.example", "B***@correo.example"]
    assert beto["address"].tolist() == ["***345", "***345"]
    shown = " ".join(str(value) for value in beto.to_numpy().ravel())
    for secret in ("28999111", "Suárez", "444-0202", "beto@", "Calle 12"):
        assert secret not in shown
    # Same name, e-mail (case aside), address, area and group; another DNI, phone, category.
    assert differing_fields(beto) == ["category", "dni", "phone"]


def test_the_same_person_through_two_doors_differs_only_in_where_it_came_in(
    engine: Engine, pairs: Pairs
) -> None:
    with engine.connect() as connection:
        ana = duplicate_pair(connection, actors(pairs)["supervisora_alimentaria"], pairs.ana)
    assert ana["intake_area"].tolist() == ["Modernización", "Coordinación de Gabinete"]
    assert ana["score"].tolist() == [90, 90]
    assert differing_fields(ana) == ["intake_area", "channel", "department"]


def test_a_pair_outside_the_reviewers_areas_is_not_shown(engine: Engine, pairs: Pairs) -> None:
    with engine.connect() as connection:
        for name in ("supervisora_alimentaria", "ingreso_modernizacion", "gabinete"):
            assert duplicate_pair(connection, actors(pairs)[name], pairs.beto).empty


def test_decided_pairs_leave_the_queue_and_are_listed_newest_first(
    engine: Engine, pairs: Pairs
) -> None:
    ana_first = _case_id(engine, pairs.codes["ana"][0])
    decide(engine, pairs.ana, DuplicateDecision.MERGED, survivor=ana_first,
           at=datetime(2026, 3, 21, 9))  # fmt: skip
    decide(engine, pairs.beto, DuplicateDecision.NOT_DUPLICATE, at=datetime(2026, 3, 21, 10))
    admin = actors(pairs)["admin"]
    assert queue(engine, admin) == []
    with engine.connect() as connection:
        decided = decided_pairs(connection, admin)
        mine = decided_pairs(connection, actors(pairs)["ingreso_modernizacion"])
    assert decided["pair_id"].tolist() == [pairs.beto, pairs.ana]
    merged = decided.iloc[1]
    assert (merged["survivor"], merged["duplicate"]) == pairs.codes["ana"]
    assert pd.isna(decided.iloc[0]["survivor"])
    assert mine["pair_id"].tolist() == [pairs.ana]


def _case_id(engine: Engine, code: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(Case.id).where(Case.code == code)).scalar_one()


# The duplicate rate ------------------------------------------------------------------


def merge_event(engine: Engine, case_id: int, at: datetime) -> None:
    add_event(engine, case_id, EventKind.MERGED, at, from_status=Status.ASIGNADA,
              to_status=Status.DUPLICADA)  # fmt: skip


def unmerge_event(engine: Engine, case_id: int, at: datetime) -> None:
    add_event(engine, case_id, EventKind.REOPENED, at, from_status=Status.DUPLICADA,
              to_status=Status.ASIGNADA)  # fmt: skip


def rate_at(engine: Engine, as_of: datetime, **dimensions: tuple[int, ...]) -> list[tuple]:
    filters = CaseFilters(date(2026, 2, 1), date(2026, 3, 31), as_of, **dimensions)
    with engine.connect() as connection:
        frame = duplicate_rate(connection, filters)
    return [
        (row.month.strftime("%Y-%m"), row.intake_area, row.channel, row.received, row.merged)
        for row in frame.itertuples()
    ]


@pytest.fixture
def history(engine: Engine) -> World:
    """February: 4 WhatsApp cases of Modernización, one merged on 10 Feb and unmerged on
    20 Feb, one merged on 25 Feb; 1 e-mail case, never merged. March: 2 WhatsApp cases, one
    merged on 5 March (with an earlier merge on 2 March, undone on 3 March)."""
    w = small_world(engine)
    february = [add_case(engine, w, created_at=datetime(2026, 2, day)) for day in (2, 3, 4, 5)]
    add_case(engine, w, created_at=datetime(2026, 2, 6), channel=w.email)
    march = [add_case(engine, w, created_at=datetime(2026, 3, day)) for day in (1, 2)]
    merge_event(engine, february[0], datetime(2026, 2, 10))
    unmerge_event(engine, february[0], datetime(2026, 2, 20))
    merge_event(engine, february[1], datetime(2026, 2, 25))
    merge_event(engine, march[1], datetime(2026, 3, 2, 12))
    unmerge_event(engine, march[1], datetime(2026, 3, 3))
    merge_event(engine, march[1], datetime(2026, 3, 5))
    return w


def test_the_duplicate_rate_counts_merges_as_the_history_stood_at_the_cut_off(
    engine: Engine, history: World
) -> None:
    assert rate_at(engine, datetime(2026, 2, 15)) == [
        ("2026-02", "Modernización", "Correo electrónico", 1, 0),
        ("2026-02", "Modernización", "WhatsApp", 4, 1),  # the merge of 10 Feb, not yet undone
    ]
    assert rate_at(engine, datetime(2026, 3, 4)) == [
        ("2026-02", "Modernización", "Correo electrónico", 1, 0),
        ("2026-02", "Modernización", "WhatsApp", 4, 1),  # undone on 20 Feb; merged on 25 Feb
        ("2026-03", "Modernización", "WhatsApp", 2, 0),  # merged on 2 March, undone on 3 March
    ]
    assert rate_at(engine, datetime(2026, 4, 1))[-1] == ("2026-03", "Modernización", "WhatsApp",
                                                         2, 1)  # fmt: skip


def test_the_rate_follows_the_filters_and_sums_to_one_figure(
    engine: Engine, history: World
) -> None:
    assert rate_at(engine, datetime(2026, 4, 1), channel_ids=(history.email,)) == [
        ("2026-02", "Modernización", "Correo electrónico", 1, 0)
    ]
    assert rate_at(engine, datetime(2026, 4, 1), scope=(history.housing,)) == []
    filters = CaseFilters(date(2026, 2, 1), date(2026, 3, 31), datetime(2026, 4, 1))
    with engine.connect() as connection:
        frame = duplicate_rate(connection, filters)
    assert frame["rate"].tolist() == [0.0, 0.25, 0.5]
    assert overall_rate(frame) == pytest.approx(2 / 7)
    assert overall_rate(frame.iloc[0:0]) != overall_rate(frame.iloc[0:0])  # NaN over nothing


def test_a_merge_after_the_cut_off_and_an_undo_after_it_leave_the_figure_as_it_was(
    engine: Engine, pairs: Pairs
) -> None:
    """History-true: the figure for a cut-off is the same whenever it is asked."""
    admin = actors(pairs)["admin"]
    survivor, duplicate = pairs.codes["ana"]
    before_merge = local_now()

    def merged_at(cut_off: datetime) -> int:
        filters = CaseFilters(date(2026, 3, 1), date(2026, 3, 31), cut_off)
        with engine.connect() as connection:
            return int(duplicate_rate(connection, filters)["merged"].sum())

    assert merged_at(before_merge) == 0
    merge_duplicates(engine, admin, pairs.ana, survivor, {survivor: 1, duplicate: 1})
    after_merge = local_now() + timedelta(microseconds=1)
    assert (merged_at(before_merge), merged_at(after_merge)) == (0, 1)
    undo_merge(engine, admin, pairs.ana, "Eran dos pedidos distintos")
    assert (merged_at(before_merge), merged_at(after_merge)) == (0, 1)
    assert merged_at(local_now() + timedelta(seconds=1)) == 0


def test_the_survivors_history_shows_the_merged_cases_events(engine: Engine, pairs: Pairs) -> None:
    survivor, duplicate = pairs.codes["ana"]
    merge_duplicates(engine, actors(pairs)["admin"], pairs.ana, survivor,
                     {survivor: 1, duplicate: 1})  # fmt: skip
    with engine.connect() as connection:
        history = case_timeline(connection, survivor, None)
        scoped = case_timeline(connection, survivor, (pairs.world.food,))
        own = case_timeline(connection, duplicate, None)
    assert list(zip(history["case_code"], history["kind"], strict=True)) == [
        (survivor, "creada"), (survivor, "asignada"), (duplicate, "creada"),
        (duplicate, "asignada"), (duplicate, "fusionada"), (survivor, "nota"),
    ]  # fmt: skip
    assert len(scoped) == 6  # the survivor is in her departments: its whole history
    assert own["case_code"].tolist() == [duplicate] * 3
