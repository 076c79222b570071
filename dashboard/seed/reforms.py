"""The process changes the demo registers, one that works and one that does nothing.

The evidence pages (``pages/evidencia.py``) must show a clear improvement, a null result and
a confounder warning on the demo data, so the seed plants them:

- a referral protocol in three directorates: from its date, cases whose first department is
  one of them return to a department they had left half as often, and every step after they
  reach that department takes ``PROTOCOL_CLOSE_FACTOR`` of its time;
- a new web form that changes nothing, dated a week after the flood ends, so the flood lies
  in the twelve weeks before it that the evidence compares with the twelve after.

Both are dated relative to the end of the data, like the flood (``rhythm.flood_window``),
and ``seeded_reforms`` tells tests and the evidence analysis what was planted and how large.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
from sqlalchemy import Connection, insert, select

from dashboard.evidence.changes import touches_json
from dashboard.models import ProcessChange
from dashboard.seed import rhythm
from dashboard.seed.world import World

PROTOCOL_NAME = "Protocolo de derivación con motivo"
#: The busiest directorates by cases first sent to them among those the seed neither
#: overloads (``capacity.OVERLOADED``) nor swamps in winter (alimentación): their pace
#: hardly moves around the protocol's date, so its effect is not mixed with a slowdown.
PROTOCOL_DEPARTMENTS: tuple[str, ...] = ("DIR-PROG", "DIR-DISC", "DIR-GENERO")
#: The protocol starts on the Monday of the week this many weeks before the end of the data.
PROTOCOL_WEEKS_BEFORE_END = 20
#: Under the protocol, the chance that a referral returns to a department the case had left.
PROTOCOL_PING_PONG_FACTOR = 0.5
#: Under the protocol, the time of every step after the case reaches its first department.
PROTOCOL_CLOSE_FACTOR = 0.7

WEB_FORM_NAME = "Nuevo formulario web"
WEB_FORM_CHANNELS: tuple[str, ...] = ("web",)
#: The web form starts on the Monday this many weeks after the flood's last day.
WEB_FORM_WEEKS_AFTER_FLOOD = 1

REGISTERED_BY = "mesa"
#: A seeded change is registered at this time on its first day.
REGISTERED_AT = time(9, 0)


@dataclass(frozen=True)
class SeededReform:
    """A change the seed registers, and the effect it planted (factors of 1: none)."""

    name: str
    description: str
    effective_on: date
    #: Codes of what it touched by kind of touch (``dashboard.evidence.changes.TOUCH_KINDS``).
    touches: dict[str, tuple[str, ...]]
    ping_pong_factor: float
    close_factor: float


def seeded_reforms(until: date) -> list[SeededReform]:
    """The changes registered for data ending at ``until``, in the order they happened."""
    _, flood_last = rhythm.flood_window(until)
    protocol_on = until - timedelta(weeks=PROTOCOL_WEEKS_BEFORE_END)
    return [
        SeededReform(
            WEB_FORM_NAME,
            "Nuevo formulario web de solicitudes, con campos guiados por tipo de pedido.",
            flood_last + timedelta(days=1, weeks=WEB_FORM_WEEKS_AFTER_FLOOD),
            {"channel": WEB_FORM_CHANNELS},
            ping_pong_factor=1.0,
            close_factor=1.0,
        ),
        SeededReform(
            PROTOCOL_NAME,
            "Toda derivación entre áreas lleva un motivo y la acepta quien la recibe: "
            "menos idas y vueltas y cierres más rápidos en las direcciones que lo adoptaron.",
            protocol_on - timedelta(days=protocol_on.weekday()),
            {"department": PROTOCOL_DEPARTMENTS},
            ping_pong_factor=PROTOCOL_PING_PONG_FACTOR,
            close_factor=PROTOCOL_CLOSE_FACTOR,
        ),
    ]


@dataclass(frozen=True)
class Protocol:
    """Which cases the referral protocol covers: those first sent to one of its departments
    on or after its first day."""

    department_ids: np.ndarray
    since: np.datetime64

    @classmethod
    def of(cls, world: World, until: date) -> Protocol:
        reform = next(r for r in seeded_reforms(until) if r.name == PROTOCOL_NAME)
        ids = _ids_by_code(world)["department"]
        return cls(
            np.array([ids[code] for code in reform.touches["department"]]),
            np.datetime64(reform.effective_on).astype("datetime64[s]"),
        )

    def covers(self, first_department: np.ndarray, created: np.ndarray) -> np.ndarray:
        return np.isin(first_department, self.department_ids) & (created >= self.since)


def spare_returns(
    rng: np.random.Generator,
    world: World,
    chain: np.ndarray,
    target: np.ndarray,
    hop: int,
    covered: np.ndarray,
) -> np.ndarray:
    """``target`` of hop ``hop`` with the protocol's returns spared: a covered case that
    would go back to a department it had left keeps that referral with chance
    ``PROTOCOL_PING_PONG_FACTOR``, else goes to a department it has not been in yet.

    ``rng`` is the protocol's own generator, so the draws of the cases it does not cover
    stay those they were without it.
    """
    left = chain[:, : hop - 1]
    returning = covered & (left == target[:, None]).any(axis=1)
    spared = returning & (rng.random(len(target)) >= PROTOCOL_PING_PONG_FACTOR)
    target = target.copy()
    weights = world.internal_capacity / world.internal_capacity.sum()
    visited = chain[:, :hop]
    while spared.any():
        rows = np.flatnonzero(spared)
        target[rows] = rng.choice(world.internal_ids, size=len(rows), p=weights)
        spared[rows] = (visited[rows] == target[rows, None]).any(axis=1)
    return target


def write_reforms(connection: Connection, world: World, until: date) -> None:
    """Register the seeded changes not registered yet (an append finds them there)."""
    known = set(connection.execute(select(ProcessChange.name)).scalars())
    ids = _ids_by_code(world)
    rows = []
    for reform in seeded_reforms(until):
        if reform.name in known:
            continue
        at = datetime.combine(reform.effective_on, REGISTERED_AT)
        touches = {kind: [ids[kind][c] for c in codes] for kind, codes in reform.touches.items()}
        rows.append(
            {
                "name": reform.name,
                "description": reform.description,
                "effective_on": reform.effective_on,
                "touches": touches_json(touches),
                "registered_by": REGISTERED_BY,
                "registered_at": at,
                "updated_by": REGISTERED_BY,
                "updated_at": at,
            }
        )
    if rows:
        connection.execute(insert(ProcessChange), rows)


def _ids_by_code(world: World) -> dict[str, dict[str, int]]:
    """Ids of the catalogue's departments and channels by code, for each kind of touch."""
    internal = zip(world.internal_codes.tolist(), world.internal_ids.tolist(), strict=True)
    return {"department": dict(internal), "channel": world.channel_ids}
