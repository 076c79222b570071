"""Two supervisors at work at once: whatever the interleaving of what they tick and what they
confirm, a case moves only from the version its mover saw, and every refusal says why.

Hypothesis draws the schedules (on SQLite, a fresh database per example); real concurrency,
two connections racing on the same rows, is exercised on PostgreSQL with threads.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, insert, select

from auth.roles import Actor
from dashboard.commands import Outcome, OutcomeKind, Reason, ShownCase, reassign
from dashboard.db import build_engine
from dashboard.domain import DepartmentKind, EventKind, Role
from dashboard.migrate import upgrade
from dashboard.models import Case, CaseEvent, Department
from tests.builders import (
    World,
    add_case,
    add_user,
    case_code,
    reassignments_audited,
    reassignments_made,
    small_world,
)

NOTE = "Reparto de la carga entre las áreas"
CREATED = datetime(2026, 5, 4, 8, 0)
#: Where cases start and where they are sent: two departments of the supervisors, one not.
DEPARTMENTS = ("food", "housing", "children")
#: Supervisora A covers both of the ministry's departments here, B only Asistencia Alimentaria.
SCOPES = {"supervisora_a": ("food", "housing"), "supervisora_b": ("food",)}


@dataclass(frozen=True)
class Tick:
    """The actor ticks these cases (indexes) in the queue: the form keeps what she saw."""

    actor: str
    cases: tuple[int, ...]


@dataclass(frozen=True)
class Move:
    """The actor confirms one of her ticked cases (``pick`` modulo how many she ticked)."""

    actor: str
    pick: int
    target: str


@dataclass(frozen=True)
class MoveAll:
    """The actor confirms every case she ticked, in one bulk reassignment."""

    actor: str
    target: str


@dataclass(frozen=True)
class Forge:
    """The actor sends a hand-made form: one case at a version ``ahead`` of the real one,
    which she never saw; it must not tell her about a case that was never hers."""

    actor: str
    case: int
    ahead: int
    target: str


Step = Tick | Move | MoveAll | Forge


@st.composite
def schedules(draw) -> tuple[list[str], list[Step]]:
    """Where 4 to 6 open cases start, and what the two supervisors do, in which order: both
    tick some cases first (in either order), then they tick again and confirm at will."""
    homes = draw(st.lists(st.sampled_from(DEPARTMENTS), min_size=4, max_size=6))
    actors = st.sampled_from(sorted(SCOPES))
    targets = st.sampled_from(DEPARTMENTS)
    case = st.integers(0, len(homes) - 1)
    cases = st.lists(case, min_size=1, unique=True).map(tuple)
    opening = [Tick(actor, draw(cases)) for actor in draw(st.permutations(sorted(SCOPES)))]
    step = st.one_of(
        st.builds(Tick, actors, cases),
        st.builds(Move, actors, st.integers(0, 5), targets),
        st.builds(MoveAll, actors, targets),
        st.builds(Forge, actors, case, st.integers(1, 3), targets),
    )
    return homes, opening + draw(st.lists(step, min_size=1, max_size=12))


def add_department(engine: Engine, code: str, name: str) -> int:
    with engine.begin() as connection:
        return connection.execute(
            insert(Department)
            .values(code=code, name=name, kind=DepartmentKind.INTERNAL, weekly_capacity=20)
            .returning(Department.id)
        ).scalar_one()


@dataclass(frozen=True)
class Template:
    """A migrated database with the catalogue and both supervisors, copied for each example
    (migrating and hashing two passwords per example would take most of the test's time)."""

    path: Path
    departments: dict[str, int]
    world: World

    def actor(self, username: str) -> Actor:
        scope = tuple(self.departments[name] for name in SCOPES[username])
        return Actor(username, Role.SUPERVISOR, scope)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("races") / "template.sqlite3"
    engine = build_engine(f"sqlite:///{path}")
    upgrade(engine)
    world = small_world(engine)
    children = add_department(engine, "DIR-NIN", "Niñez y Adolescencia")
    departments = {"food": world.food, "housing": world.housing, "children": children}
    for username, scope in SCOPES.items():
        add_user(engine, username, Role.SUPERVISOR, tuple(departments[d] for d in scope))
    engine.dispose()  # the last connection folds the WAL into the file that gets copied
    return Template(path, departments, world)


@dataclass
class Model:
    """What the database should hold, kept by hand: each case's department and version, the
    departments its events moved it from or to, and its latest event (kind and who)."""

    department: dict[str, int]
    version: dict[str, int] = field(init=False)
    passed_through: dict[str, set[int]] = field(init=False)
    latest: dict[str, tuple[EventKind, str | None]] = field(init=False)

    def __post_init__(self) -> None:
        self.version = dict.fromkeys(self.department, 1)
        self.passed_through = {code: set() for code in self.department}
        self.latest = dict.fromkeys(self.department, (EventKind.ASSIGNED, None))

    def expected(self, actor: Actor, seen: ShownCase) -> OutcomeKind:
        """The rule: a change since the form is told to anyone the case ever belonged to;
        otherwise a case outside scope is refused as such; otherwise it moves."""
        scope, code = set(actor.department_ids), seen.code
        ever_hers = self.department[code] in scope or bool(self.passed_through[code] & scope)
        if self.version[code] != seen.version and ever_hers:
            return OutcomeKind.CHANGED
        if self.department[code] not in scope:
            return OutcomeKind.OUTSIDE
        return OutcomeKind.MOVED

    def move(self, code: str, target: int, by: str) -> None:
        self.passed_through[code] |= {self.department[code], target}
        self.department[code] = target
        self.version[code] += 1
        self.latest[code] = (EventKind.REASSIGNED, by)


@dataclass
class Run:
    """One example: the database, the model, and what each supervisor saw and moved."""

    engine: Engine
    template: Template
    model: Model
    #: Each actor's current form: the number of her tick and the cases as she saw them.
    forms: dict[str, tuple[int, list[ShownCase]]] = field(default_factory=dict)
    ticks: int = 0
    #: Every (actor, code, version) an actor ever saw when ticking.
    seen: set[tuple[str, str, int]] = field(default_factory=set)
    #: Every move that happened: (actor, tick number, code, version moved from).
    moves: list[tuple[str, int, str, int]] = field(default_factory=list)

    def tick(self, step: Tick, codes: list[str]) -> None:
        shown = [ShownCase(code, version) for code, version in versions(self.engine, codes)]
        assert [s.version for s in shown] == [self.model.version[s.code] for s in shown]
        self.ticks += 1
        self.forms[step.actor] = (self.ticks, shown)
        self.seen |= {(step.actor, s.code, s.version) for s in shown}

    def confirm(self, actor_name: str, chosen: list[ShownCase], target_name: str) -> None:
        actor, target = self.template.actor(actor_name), self.template.departments[target_name]
        outcomes = reassign(self.engine, actor, chosen, target, None, Reason.OTHER, NOTE)
        for shown, outcome in zip(chosen, outcomes, strict=True):
            self.check(actor, shown, outcome, target)

    def check(self, actor: Actor, shown: ShownCase, outcome: Outcome, target: int) -> None:
        expected = self.model.expected(actor, shown)
        event(f"outcome {expected}")
        assert (outcome.code, outcome.kind) == (shown.code, expected), outcome.message
        assert outcome.moved == (expected is OutcomeKind.MOVED)
        if expected is OutcomeKind.CHANGED:
            assert outcome.change is not None
            where = department_names(self.engine)[self.model.department[shown.code]]
            assert (outcome.change.event, outcome.change.by, outcome.change.department) == (
                *self.model.latest[shown.code], where,
            )  # fmt: skip
        else:
            assert outcome.change is None
        if outcome.moved:
            tick_number = self.forms[actor.username][0]
            self.moves.append((actor.username, tick_number, shown.code, shown.version))
            self.model.move(shown.code, target, actor.username.title())

    def step(self, step: Step, codes: list[str]) -> None:
        if isinstance(step, Tick):
            self.tick(step, [codes[i] for i in step.cases])
        elif isinstance(step, Forge):
            code = codes[step.case]
            made_up = ShownCase(code, self.model.version[code] + step.ahead)
            self.confirm(step.actor, [made_up], step.target)
        elif step.actor in self.forms:  # confirming needs a form: nothing ticked, no button
            _, shown = self.forms[step.actor]
            chosen = [shown[step.pick % len(shown)]] if isinstance(step, Move) else shown
            self.confirm(step.actor, chosen, step.target)
        assert database_state(self.engine) == {
            code: (self.model.department[code], self.model.version[code]) for code in codes
        }


def versions(engine: Engine, codes: list[str]) -> list[tuple[str, int]]:
    with engine.connect() as connection:
        now = dict(
            connection.execute(select(Case.code, Case.version).where(Case.code.in_(codes))).all()
        )
    return [(code, now[code]) for code in codes]


def department_names(engine: Engine) -> dict[int, str]:
    with engine.connect() as connection:
        return dict(connection.execute(select(Department.id, Department.name)).all())


def database_state(engine: Engine) -> dict[str, tuple[int, int]]:
    with engine.connect() as connection:
        rows = connection.execute(select(Case.code, Case.department_id, Case.version))
        return {code: (department, version) for code, department, version in rows}


def reassignments(engine: Engine) -> list[tuple[str, str, int]]:
    """(who, which case, from which version) of every ``reasignada`` event, oldest first.

    Only reassignments change a case here, so a case's n-th one moved it from version n."""
    counts: Counter[str] = Counter()
    found = []
    for username, code in reassignments_made(engine):
        counts[code] += 1
        found.append((username, code, counts[code]))
    return found


def events_after_creation(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Case.code, func.count(CaseEvent.id))
            # Written after the case was: its intake (and routing) came with version 1.
            .outerjoin(CaseEvent, (CaseEvent.case_id == Case.id)
                       & (CaseEvent.at > Case.created_at))
            .group_by(Case.code)
        )  # fmt: skip
        return dict(rows.all())


def check_history(run: Run) -> None:
    """Every move in the history and the audit log was ticked by its actor at the version it
    moved from, at most once per tick; versions count the events."""
    history = reassignments(run.engine)
    assert sorted(history) == sorted(
        (actor, code, version) for actor, _, code, version in run.moves
    )
    assert set(history) <= run.seen
    assert len({(actor, tick, code) for actor, tick, code, _ in run.moves}) == len(run.moves)
    assert reassignments_audited(run.engine) == [(actor, code) for actor, code, _ in history]
    versions_now = {code: version for code, (_, version) in database_state(run.engine).items()}
    assert versions_now == {code: 1 + n for code, n in events_after_creation(run.engine).items()}


@settings(max_examples=40, deadline=None)
@given(schedule=schedules())
def test_any_interleaving_moves_only_what_its_mover_saw(template: Template, schedule) -> None:
    homes, steps = schedule
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "races.sqlite3"
        shutil.copyfile(template.path, path)
        engine = build_engine(f"sqlite:///{path}")
        try:
            codes = [
                case_code(engine, add_case(engine, template.world, created_at=CREATED,
                                           department=template.departments[home]))
                for home in homes
            ]  # fmt: skip
            start = {
                code: template.departments[home] for code, home in zip(codes, homes, strict=True)
            }
            run = Run(engine, template, Model(start))
            for step in steps:
                run.step(step, codes)
            check_history(run)
        finally:
            engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_supervisors_moving_overlapping_cases_at_once_move_each_once(engine: Engine) -> None:
    """Both tick five cases, two of them the same, and confirm at the same moment on two
    connections, each starting with the cases they share."""
    world = small_world(engine)
    children = add_department(engine, "DIR-NIN", "Niñez y Adolescencia")
    actors = {name: Actor(name, Role.SUPERVISOR, (world.food,)) for name in SCOPES}
    for name in actors:
        add_user(engine, name, Role.SUPERVISOR, (world.food,))
    codes = [case_code(engine, add_case(engine, world, created_at=CREATED)) for _ in range(8)]
    forms = {
        "supervisora_a": [ShownCase(code, 1) for code in codes[3:5] + codes[:3]],
        "supervisora_b": [ShownCase(code, 1) for code in codes[3:8]],
    }
    targets = {"supervisora_a": world.housing, "supervisora_b": children}
    barrier = threading.Barrier(2)
    outcomes: dict[str, list[Outcome]] = {}

    def confirm(name: str) -> None:
        barrier.wait()
        outcomes[name] = reassign(engine, actors[name], forms[name], targets[name], None,
                                  Reason.OTHER, NOTE)  # fmt: skip

    threads = [threading.Thread(target=confirm, args=(name,)) for name in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert set(outcomes) == set(actors), "a confirmation raised instead of reporting"
    history = reassignments(engine)
    assert sorted(code for _, code, _ in history) == sorted(codes)  # each moved exactly once
    assert all(ShownCase(code, version) in forms[who] for who, code, version in history)
    # Sequences hand out ids as each transaction inserts: compare the entries, not their order.
    assert sorted(reassignments_audited(engine)) == sorted((who, code) for who, code, _ in history)
    movers = {code: who for who, code, _ in history}
    for name, results in outcomes.items():
        for outcome in results:
            if outcome.moved:
                assert movers[outcome.code] == name
            else:  # lost the race for a shared case: told who won it and where it went
                assert outcome.kind is OutcomeKind.CHANGED and outcome.change is not None
                assert outcome.change.by == movers[outcome.code].title()
