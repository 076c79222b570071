"""Each demo case's history: its events, in time order, and the case row they leave behind.

A case's life is laid out as fixed *slots* (intake, triage, start, wait, resume, four
referral-and-take pairs, resolution, closing). Slots a case does not use stay empty; the
time of each slot is the running sum of lognormal durations, so events are strictly ordered.
Anything that would happen after the end of the data is cut off, which leaves recent and
slow cases open: the backlog is a consequence of the timing, not a separate draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.deadlines import business_clock, due_dates
from dashboard.domain import EventKind, Status
from dashboard.seed.capacity import Slowdown
from dashboard.seed.cases import MAX_HOPS, CasePlan
from dashboard.seed.reforms import PROTOCOL_CLOSE_FACTOR

CREATED, TRIAGE, START, WAIT, RESUME = range(5)
FIRST_HOP = 5  # referral of hop h is slot FIRST_HOP + 2 (h - 1); its take the slot after
RESOLVE = FIRST_HOP + 2 * MAX_HOPS
CLOSE = RESOLVE + 1
SLOTS = CLOSE + 1

KINDS = np.array([k.value for k in EventKind], dtype=object)
STATUSES = np.array([s.value for s in Status], dtype=object)
K = {k: i for i, k in enumerate(EventKind)}
S = {s: i for i, s in enumerate(Status)}
NONE = -1
#: An assignee slot value meaning "nobody": a referral leaves the case unassigned until taken.
UNASSIGNED = -2

WAIT_SHARE = 0.25
#: Calibrated so the demo looks like a strained but working ministry (issue 13): at the end of
#: the data about a fifth of open cases overdue (a third where capacity is short), and only a
#: small tail open for more than a year. Both shares grow with the square of the pace.
STALL_SHARE = 0.015
STALL_FACTOR = 3
ABANDON_SHARE = 0.0002
NEVER_HOURS = 24 * 365 * 50
CLOSE_SHARE = 0.55
REFERRAL_REASONS = np.array(
    [
        "Competencia de otra área",
        "Requiere intervención externa",
        "Corresponde por territorio",
        "Falta de recursos en el área",
        "Categoría mal asignada",
    ],
    dtype=object,
)
WAIT_REASONS = np.array(
    ["Falta documentación de la persona", "Espera respuesta de un tercero", "Visita programada"],
    dtype=object,
)


@dataclass(frozen=True)
class Staffing:
    """Active staff ids grouped by department: ``ids[first[d] : first[d] + count[d]]``."""

    ids: np.ndarray
    first: np.ndarray  # indexed by department id
    count: np.ndarray

    @classmethod
    def from_pairs(
        cls, staff_ids: np.ndarray, department_ids: np.ndarray, departments: int
    ) -> Staffing:
        order = np.argsort(department_ids, kind="stable")
        count = np.bincount(department_ids, minlength=departments + 1)
        first = np.concatenate([[0], np.cumsum(count)[:-1]])
        return cls(ids=staff_ids[order], first=first, count=count)

    def pick(self, rng: np.random.Generator, departments: np.ndarray) -> np.ndarray:
        """A random member of each department; NONE for external actors (no staff here)."""
        safe = np.clip(departments, 0, len(self.count) - 1)
        count = np.where(departments >= 0, self.count[safe], 0)
        offset = (rng.random(len(departments)) * np.maximum(count, 1)).astype(int)
        chosen = self.ids[np.minimum(self.first[safe] + offset, len(self.ids) - 1)]
        return np.where(count > 0, chosen, NONE)


def build_history(
    rng: np.random.Generator,
    plan: CasePlan,
    rows: slice,
    case_ids: np.ndarray,
    staffing: Staffing,
    slowdown: Slowdown,
    end: np.datetime64,
    first_event_id: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events of the cases ``plan[rows]`` and the fields of those cases that depend on them."""
    n = len(case_ids)
    created = plan.created[rows]
    chain = plan.chain[rows]
    hops = plan.hops[rows]
    sla = plan.sla_hours[rows].astype(float)
    intake = plan.intake_id[rows]
    duplicate = plan.duplicate_of[rows] >= 0
    annulled = plan.annulled[rows] & ~duplicate
    regular = ~duplicate & ~annulled
    ends_external = plan.ends_external[rows]
    internal = staffing.count[np.clip(chain, 0, len(staffing.count) - 1)] > 0
    last_department = np.take_along_axis(chain, hops[:, None], axis=1)[:, 0]

    present = np.zeros((n, SLOTS), dtype=bool)
    hours = np.zeros((n, SLOTS))
    kind = np.full((n, SLOTS), NONE)
    from_dep, to_dep = np.full((n, SLOTS), NONE), np.full((n, SLOTS), NONE)
    from_st, to_st = np.full((n, SLOTS), NONE), np.full((n, SLOTS), NONE)
    actor, assignee, owner = (np.full((n, SLOTS), NONE) for _ in range(3))

    def slot(j, mask, k, duration, *, fs=NONE, ts=NONE, fd=NONE, td=NONE, who=NONE):
        present[mask, j] = True
        # At least a minute per step keeps a case's events strictly ordered.
        hours[mask, j] = np.broadcast_to(np.maximum(duration, 1 / 60), (n,))[mask]
        for target, value in (
            (kind, K[k]),
            (from_st, fs),
            (to_st, ts),
            (from_dep, fd),
            (to_dep, td),
            (actor, who),
        ):
            target[mask, j] = value if np.isscalar(value) else np.asarray(value)[mask]

    def lognormal(median, sigma):
        return np.asarray(median) * rng.lognormal(0.0, sigma, n)

    slot(CREATED, np.ones(n, bool), EventKind.CREATED, 0, ts=S[Status.NUEVA], td=intake)
    hours[:, CREATED] = 0  # the intake event is the creation itself
    triage_staff = staffing.pick(rng, intake)
    owner_staff = staffing.pick(rng, chain[:, 0])
    slot(
        TRIAGE,
        regular,
        EventKind.ASSIGNED,
        lognormal(6 * slowdown.at(intake, created), 1.0),
        fs=S[Status.NUEVA],
        ts=S[Status.ASIGNADA],
        fd=intake,
        td=chain[:, 0],
        who=triage_staff,
    )
    slot(
        TRIAGE,
        annulled,
        EventKind.CLOSED,
        lognormal(10, 1.0),
        fs=S[Status.NUEVA],
        ts=S[Status.ANULADA],
        who=triage_staff,
    )
    slot(
        TRIAGE,
        duplicate,
        EventKind.MERGED,
        lognormal(20, 0.8),
        fs=S[Status.NUEVA],
        ts=S[Status.DUPLICADA],
        who=triage_staff,
    )
    assignee[regular, TRIAGE] = owner_staff[regular]

    slot(
        START,
        regular,
        EventKind.STATUS_CHANGED,
        lognormal(16 * slowdown.at(chain[:, 0], created), 1.0),
        fs=S[Status.ASIGNADA],
        ts=S[Status.EN_CURSO],
        who=owner_staff,
    )
    waits = regular & (rng.random(n) < WAIT_SHARE)
    slot(
        WAIT,
        waits,
        EventKind.STATUS_CHANGED,
        lognormal(0.15 * sla, 0.9),
        fs=S[Status.EN_CURSO],
        ts=S[Status.EN_ESPERA],
        who=owner_staff,
    )
    slot(
        RESUME,
        waits,
        EventKind.STATUS_CHANGED,
        lognormal(96, 0.8),
        fs=S[Status.EN_ESPERA],
        ts=S[Status.EN_CURSO],
        who=owner_staff,
    )

    current_staff = owner_staff.copy()
    for hop in range(1, MAX_HOPS + 1):
        moving = regular & (hops >= hop)
        refer, take = FIRST_HOP + 2 * (hop - 1), FIRST_HOP + 2 * (hop - 1) + 1
        source, target = chain[:, hop - 1], chain[:, hop]
        slot(
            refer,
            moving,
            EventKind.REFERRED,
            lognormal(0.2 * sla * slowdown.at(source, created), 0.9),
            fs=S[Status.EN_CURSO],
            ts=S[Status.DERIVADA],
            fd=source,
            td=target,
            who=current_staff,
        )
        assignee[moving, refer] = UNASSIGNED
        taken = moving & internal[:, hop]
        new_staff = staffing.pick(rng, target)
        slot(
            take,
            taken,
            EventKind.ASSIGNED,
            lognormal(24 * slowdown.at(target, created), 0.8),
            fs=S[Status.DERIVADA],
            ts=S[Status.EN_CURSO],
            who=new_staff,
        )
        assignee[taken, take] = new_staff[taken]
        current_staff = np.where(taken, new_staff, current_staff)

    outside = regular & ends_external
    pace = slowdown.at(last_department, created)
    work = np.where(outside, 0.4 * sla, 0.25 * sla * pace)
    # Some cases stall (lost in a drawer, waiting on nobody), more often where work piles up;
    # a few are never picked up again: the chronic backlog the diagnosis describes.
    stuck = rng.random(n)
    work = np.where(regular & (stuck < STALL_SHARE * pace**2), work * STALL_FACTOR, work)
    work = np.where(regular & (stuck < ABANDON_SHARE * pace**2), NEVER_HOURS, work)
    slot(
        RESOLVE,
        regular,
        EventKind.CLOSED,
        lognormal(work, 0.9),
        fs=np.where(outside, S[Status.DERIVADA], S[Status.EN_CURSO]),
        ts=S[Status.RESUELTA],
        who=current_staff,
    )
    closes = regular & (rng.random(n) < CLOSE_SHARE)
    slot(
        CLOSE,
        closes,
        EventKind.STATUS_CHANGED,
        lognormal(72, 0.7),
        fs=S[Status.RESUELTA],
        ts=S[Status.CERRADA],
        who=current_staff,
    )

    owner[:, CREATED] = intake
    owner[regular, TRIAGE] = chain[regular, 0]
    for hop in range(1, MAX_HOPS + 1):
        owner[:, FIRST_HOP + 2 * (hop - 1)] = chain[:, hop]

    # The referral protocol speeds up everything its cases do once in their first department.
    protocol_time = np.where(plan.under_protocol[rows], PROTOCOL_CLOSE_FACTOR, 1.0)
    hours[:, START:CLOSE] *= protocol_time[:, None]
    at = created[:, None] + np.round(np.cumsum(hours, axis=1) * 3600).astype("timedelta64[s]")
    kept = present & (at < end)
    deadline = _deadline(kept, created, at, sla)
    due_set = _due_set(created, sla, deadline["due_at"], kept.shape)
    return (
        _events(
            rng, kept, case_ids, at, kind, actor, from_dep, to_dep, from_st, to_st, assignee,
            due_set, first_event_id,
        ),
        _case_state(kept, created, at, to_st, owner, assignee, ends_external).assign(**deadline),
    )  # fmt: skip


def _events(rng, kept, case_ids, at, kind, actor, from_dep, to_dep, from_st, to_st, assignee,
            due_set, first_id):  # fmt: skip
    n_events = int(kept.sum())
    kinds = kind[kept]
    reasons = np.full(n_events, None, dtype=object)
    referred = kinds == K[EventKind.REFERRED]
    reasons[referred] = REFERRAL_REASONS[rng.integers(0, len(REFERRAL_REASONS), referred.sum())]
    waiting = to_st[kept] == S[Status.EN_ESPERA]
    reasons[waiting] = WAIT_REASONS[rng.integers(0, len(WAIT_REASONS), waiting.sum())]
    return pd.DataFrame(
        {
            "id": np.arange(first_id, first_id + n_events),
            "case_id": np.broadcast_to(case_ids[:, None], kept.shape)[kept],
            "kind": KINDS[kinds],
            "at": at[kept],
            "actor_staff_id": _nullable(actor[kept]),
            "actor_user_id": pd.array([pd.NA] * n_events, dtype="Int64"),
            "from_department_id": _nullable(from_dep[kept]),
            "to_department_id": _nullable(to_dep[kept]),
            "from_status": _labels(STATUSES, from_st[kept]),
            "to_status": _labels(STATUSES, to_st[kept]),
            "reason": reasons,
            "note": np.full(n_events, None, dtype=object),
            # A take names its person; a referral (UNASSIGNED) and other slots name nobody.
            "assignee_id": _nullable(assignee[kept]),
            "due_at": due_set[kept],
        }
    )


def _due_set(created, sla, final_due, shape) -> np.ndarray:
    """The due date each slot's event sets, NaT for none: the intake sets the first one, and
    the end of a wait (RESUME) the case's final one, pushed on by the wait."""
    due = np.full(shape, np.datetime64("NaT"), dtype="datetime64[s]")
    due[:, CREATED] = due_dates(created, sla, np.zeros(len(created)))
    due[:, RESUME] = final_due
    return due


def _deadline(kept, created, at, sla) -> dict[str, object]:
    """``due_at`` in business hours, pushed on by a finished wait; ``paused_at`` while waiting.

    A case waits at most once here (the WAIT slot, ended by the RESUME slot), so the paused
    time is the business time between those two events when both happened.
    """
    waited, resumed = kept[:, WAIT], kept[:, RESUME]
    paused = business_clock(at[:, RESUME]) - business_clock(at[:, WAIT])
    return {
        "due_at": due_dates(created, sla, np.where(waited & resumed, paused, 0.0)),
        "paused_at": pd.Series(at[:, WAIT]).where(waited & ~resumed),
    }


def _case_state(kept, created, at, to_st, owner, assignee, ends_external) -> pd.DataFrame:
    """Status, owner, assignee and timestamps as the kept events leave them."""
    last = kept.shape[1] - 1 - np.argmax(kept[:, ::-1], axis=1)
    status = np.take_along_axis(to_st, last[:, None], axis=1)[:, 0]
    owner_so_far = _carry_forward(np.where(kept, owner, NONE))
    assignee_so_far = _carry_forward(np.where(kept, assignee, NONE))
    assignee_so_far[assignee_so_far == UNASSIGNED] = NONE
    closed_slot = np.where(
        kept[:, RESOLVE],
        RESOLVE,
        np.where(
            kept[:, TRIAGE] & np.isin(to_st[:, TRIAGE], [S[Status.ANULADA], S[Status.DUPLICADA]]),
            TRIAGE,
            NONE,
        ),
    )
    closed_at = np.take_along_axis(at, np.maximum(closed_slot, 0)[:, None], axis=1)[:, 0]
    closed = closed_slot >= 0
    reason = np.full(len(created), None, dtype=object)
    reason[closed_slot == RESOLVE] = np.where(
        ends_external[closed_slot == RESOLVE],
        "Resuelta por un actor externo",
        "Resuelta por el área",
    )
    reason[closed & (status == S[Status.ANULADA])] = "Anulada en la admisión"
    reason[closed & (status == S[Status.DUPLICADA])] = "Duplicada de otra solicitud"
    return pd.DataFrame(
        {
            "status": STATUSES[status],
            "department_id": np.take_along_axis(owner_so_far, last[:, None], axis=1)[:, 0],
            "assignee_id": _nullable(
                np.take_along_axis(assignee_so_far, last[:, None], axis=1)[:, 0]
            ),
            "first_response_at": pd.Series(at[:, TRIAGE]).where(kept[:, TRIAGE]),
            "closed_at": pd.Series(closed_at).where(closed),
            "closure_reason": reason,
            "version": kept.sum(axis=1),
        }
    )


def _carry_forward(values: np.ndarray) -> np.ndarray:
    """Along each row, replace NONE by the last value set before it."""
    positions = np.where(values != NONE, np.arange(values.shape[1]), 0)
    np.maximum.accumulate(positions, axis=1, out=positions)
    return np.take_along_axis(values, positions, axis=1)


def _nullable(values: np.ndarray) -> pd.arrays.IntegerArray:
    array = pd.array(values, dtype="Int64")
    array[values < 0] = pd.NA
    return array


def _labels(labels: np.ndarray, codes: np.ndarray) -> np.ndarray:
    out = np.full(len(codes), None, dtype=object)
    out[codes >= 0] = labels[codes[codes >= 0]]
    return out
