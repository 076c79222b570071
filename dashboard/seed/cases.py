"""What each demo case is about and where it travels, drawn in bulk with numpy.

Nothing here loops over cases in Python: a million cases are a few dozen array operations.
Timing (when each step happens) is ``history.py``'s job; this module decides the *what*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from dashboard.domain import DepartmentKind
from dashboard.seed import reforms, rhythm
from dashboard.seed.world import World

#: Share of cases that are a second or third intake of a request already in the hub.
DUPLICATE_SHARE = 0.07
#: Share of cases voided at triage (spam, wrong ministry, withdrawn).
ANNULLED_SHARE = 0.025
#: Distinct citizens per non-duplicate case: the rest are people asking again.
CITIZENS_PER_CASE = 0.82
MAX_HOPS = 4
HOP_PROBABILITIES = np.array([0.62, 0.24, 0.09, 0.03, 0.02])
#: Chance that a hop (from the second on) returns to the department the case just left.
PING_PONG_SHARE = 0.3
#: Chance that the last hop of a referred case goes to an external actor.
EXTERNAL_END_SHARE = 0.35
#: Share of cases handled by a regional delegation instead of a thematic department.
DELEGATION_SHARE = 0.12
CONURBANO_DELEGATIONS = ("DEL-RV", "DEL-RVI", "DEL-RVII", "DEL-RXII")

CHANNEL_CODES = (
    "whatsapp",
    "correo",
    "presencial",
    "telefono",
    "web",
    "chatbot",
    "nota",
    "despacho",
)
CHANNEL_WEIGHTS = np.array([0.30, 0.20, 0.14, 0.12, 0.09, 0.05, 0.06, 0.04])
#: How each channel's share moves from the first to the last year (web and chatbot grow).
CHANNEL_GROWTH = np.array([-0.1, -0.2, -0.2, 0.0, 0.6, 1.5, -0.3, 0.0])
GROUP_WEIGHTS = np.array([0.26, 0.13, 0.04, 0.18, 0.08, 0.08, 0.05, 0.08, 0.05, 0.05])
#: In winter, food requests grow by this factor.
WINTER_FOOD_FACTOR = 1.5
#: Priority mix (urgente, alta, media, baja) for emergencies, for urgent-prone groups, others.
PRIORITY_MIX = {
    "emergencias": np.array([0.30, 0.50, 0.20, 0.00]),
    "ninez": np.array([0.15, 0.35, 0.40, 0.10]),
    "genero": np.array([0.20, 0.40, 0.35, 0.05]),
}
DEFAULT_PRIORITY_MIX = np.array([0.02, 0.15, 0.55, 0.28])


@dataclass
class CasePlan:
    """One row per case, sorted by creation time."""

    created: np.ndarray  # datetime64[s]
    partido: np.ndarray  # index into world.partido_ids
    citizen: np.ndarray  # index into the citizens table being generated
    channel_id: np.ndarray
    intake_id: np.ndarray
    group: np.ndarray  # index into world.group_codes
    category_id: np.ndarray
    priority: np.ndarray  # index into world.PRIORITIES
    sla_hours: np.ndarray
    chain: np.ndarray  # (n, MAX_HOPS + 1) department ids visited, -1 after the last
    hops: np.ndarray
    ends_external: np.ndarray  # bool
    annulled: np.ndarray  # bool
    duplicate_of: np.ndarray  # row index of the original case, -1 when not a duplicate
    under_protocol: np.ndarray  # bool: the seeded referral protocol covers it (``reforms``)

    def __len__(self) -> int:
        return len(self.created)


@dataclass(frozen=True)
class CitizenPlan:
    partido: np.ndarray  # index into world.partido_ids, one per citizen


def plan_cases(
    rng: np.random.Generator, world: World, cases: int, until: date, years: int
) -> tuple[CasePlan, CitizenPlan]:
    """Draw ``cases`` cases over ``years`` years ending the day before ``until``."""
    first_day = np.datetime64(until - timedelta(days=round(365.25 * years)))
    days = np.arange(first_day, np.datetime64(until), dtype="datetime64[D]")
    duplicates = round(cases * DUPLICATE_SHARE)
    originals = cases - duplicates
    flood = _flood_size(world, days, originals, until)

    regular_citizens = max(1, round((originals - flood) * CITIZENS_PER_CASE))
    flood_citizens = max(1, round(flood * CITIZENS_PER_CASE)) if flood else 0
    population = world.partido_population / world.partido_population.sum()
    flood_mask = np.isin(world.partido_claves, rhythm.FLOOD_PARTIDOS)
    flood_population = np.where(flood_mask, world.partido_population, 0)
    citizen_partido = np.concatenate(
        [
            rng.choice(len(population), size=regular_citizens, p=population),
            rng.choice(
                len(population), size=flood_citizens, p=flood_population / flood_population.sum()
            ),
        ]
    )

    regular_created = rhythm.sample_moments(rng, days, rhythm.day_weights(days), originals - flood)
    flood_start, _ = rhythm.flood_window(until)
    flood_days = np.arange(rhythm.FLOOD_DAYS) + np.datetime64(flood_start)
    flood_weights = np.linspace(1.6, 0.5, rhythm.FLOOD_DAYS)  # the water recedes
    flood_created = rhythm.sample_moments(rng, flood_days, flood_weights, flood)
    created = np.concatenate([regular_created, flood_created])
    citizen = np.concatenate(
        [
            _citizens_for(rng, originals - flood, regular_citizens, offset=0),
            _citizens_for(rng, flood, flood_citizens, offset=regular_citizens),
        ]
    )
    is_flood = np.arange(originals) >= originals - flood

    group = _groups(rng, world, created, is_flood)
    protocol = reforms.Protocol.of(world, until)
    base = _describe(rng, world, created, citizen, citizen_partido, group, is_flood, protocol)
    plan = _with_duplicates(rng, world, base, duplicates, until)
    return plan, CitizenPlan(partido=citizen_partido)


def _flood_size(world: World, days: np.ndarray, originals: int, until: date) -> int:
    """Extra cases that make the flood partidos' inflow ``FLOOD_MULTIPLIER`` times usual."""
    start, _ = rhythm.flood_window(until)
    if np.datetime64(start) < days[0]:
        return 0
    weights = rhythm.day_weights(days)
    in_window = (days >= np.datetime64(start)) & (days < np.datetime64(start) + rhythm.FLOOD_DAYS)
    share_days = weights[in_window].sum() / weights.sum()
    flooded = np.isin(world.partido_claves, rhythm.FLOOD_PARTIDOS)
    share_people = world.partido_population[flooded].sum() / world.partido_population.sum()
    usual = originals * share_days * share_people
    return round(usual * (rhythm.FLOOD_MULTIPLIER - 1))


def _citizens_for(rng: np.random.Generator, cases: int, citizens: int, offset: int) -> np.ndarray:
    """Every citizen asks once; the remaining cases are repeat requests of random citizens."""
    if cases == 0:
        return np.zeros(0, dtype=np.int64)
    first = rng.permutation(citizens)[: min(cases, citizens)]
    again = rng.integers(0, citizens, size=max(0, cases - citizens))
    return np.concatenate([first, again]) + offset


def _groups(
    rng: np.random.Generator, world: World, created: np.ndarray, is_flood: np.ndarray
) -> np.ndarray:
    food = world.group_codes.index("alimentacion")
    winter_weights = GROUP_WEIGHTS.copy()
    winter_weights[food] *= WINTER_FOOD_FACTOR
    group = np.where(
        rhythm.is_winter(created),
        rng.choice(len(GROUP_WEIGHTS), size=len(created), p=winter_weights / winter_weights.sum()),
        rng.choice(len(GROUP_WEIGHTS), size=len(created), p=GROUP_WEIGHTS),
    )
    group[is_flood] = world.group_codes.index("emergencias")
    return group


def _describe(
    rng: np.random.Generator,
    world: World,
    created: np.ndarray,
    citizen: np.ndarray,
    citizen_partido: np.ndarray,
    group: np.ndarray,
    is_flood: np.ndarray,
    protocol: reforms.Protocol,
) -> CasePlan:
    n = len(created)
    partido = citizen_partido[citizen]
    channel = _channels(rng, created)
    channel_id = np.array([world.channel_ids[code] for code in CHANNEL_CODES])[channel]
    category_id = np.zeros(n, dtype=np.int64)
    priority = np.zeros(n, dtype=np.int64)
    for index, code in enumerate(world.group_codes):
        members = np.flatnonzero(group == index)
        options = world.group_category_ids[index]
        leaf_weights = np.linspace(1.6, 0.6, len(options))
        category_id[members] = rng.choice(
            options, size=len(members), p=leaf_weights / leaf_weights.sum()
        )
        mix = PRIORITY_MIX.get(code, DEFAULT_PRIORITY_MIX)
        priority[members] = rng.choice(4, size=len(members), p=mix)
    flood_category = world.group_category_ids[world.group_codes.index("emergencias")][0]
    category_id[is_flood & (rng.random(n) < 0.8)] = flood_category
    sla = _sla_lookup(world, category_id, priority)
    chain, hops, ends_external, under_protocol = _chains(
        rng, world, group, partido, protocol, created
    )
    annulled = rng.random(n) < ANNULLED_SHARE
    annulled &= ~is_flood
    return CasePlan(
        created=created,
        partido=partido,
        citizen=citizen,
        channel_id=channel_id,
        intake_id=_intake(rng, world, channel),
        group=group,
        category_id=category_id,
        priority=priority,
        sla_hours=sla,
        chain=chain,
        hops=hops,
        ends_external=ends_external,
        annulled=annulled,
        duplicate_of=np.full(n, -1),
        under_protocol=under_protocol,
    )


def _sla_lookup(world: World, category_id: np.ndarray, priority: np.ndarray) -> np.ndarray:
    table = np.zeros((max(world.sla_hours) + 1, 4), dtype=np.int64)
    for category, hours in world.sla_hours.items():
        table[category] = hours
    return table[category_id, priority]


def _channels(rng: np.random.Generator, created: np.ndarray) -> np.ndarray:
    """Channel per case, drawn year by year as web forms and the chatbot take over."""
    position = (created - created.min()).astype(np.float64)
    position /= max(position.max(), 1.0)
    bucket = np.minimum((position * 5).astype(int), 4)
    channel = np.zeros(len(created), dtype=np.int64)
    for b in range(5):
        members = np.flatnonzero(bucket == b)
        weights = CHANNEL_WEIGHTS * (1 + CHANNEL_GROWTH * b / 4)
        channel[members] = rng.choice(len(weights), size=len(members), p=weights / weights.sum())
    return channel


def _intake(rng: np.random.Generator, world: World, channel: np.ndarray) -> np.ndarray:
    """The minister's desk takes its own mail, notes go to the cabinet, the rest mostly to
    Modernización."""
    ids = world.intake_ids
    draw = rng.random(len(channel))
    intake = np.where(
        draw < 0.75, ids["ING-MOD"], np.where(draw < 0.95, ids["ING-GAB"], ids["ING-DES"])
    )
    notes = channel == CHANNEL_CODES.index("nota")
    intake[notes] = np.where(draw[notes] < 0.6, ids["ING-GAB"], ids["ING-DES"])
    intake[channel == CHANNEL_CODES.index("despacho")] = ids["ING-DES"]
    return intake


def _chains(
    rng: np.random.Generator,
    world: World,
    group: np.ndarray,
    partido: np.ndarray,
    protocol: reforms.Protocol,
    created: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Departments each case visits: owner first, then referrals (some back, some outside).

    Also which cases the seeded referral protocol covers, by their first department: their
    returns are spared with draws of the protocol's own generator, spawned from ``rng``
    without moving it, so every other case travels as it did before the protocol.
    """
    n = len(group)
    chain = np.full((n, MAX_HOPS + 1), -1, dtype=np.int64)
    for index in range(len(world.group_codes)):
        members = np.flatnonzero(group == index)
        owners = world.group_department_ids[index]
        weights = np.array([0.6, 0.25, 0.15][: len(owners)])
        chain[members, 0] = rng.choice(owners, size=len(members), p=weights / weights.sum())
    delegated = rng.random(n) < DELEGATION_SHARE
    chain[delegated, 0] = _delegation(rng, world, partido[delegated])
    covered = protocol.covers(chain[:, 0], created)
    protocol_rng = rng.spawn(1)[0]

    hops = rng.choice(MAX_HOPS + 1, size=n, p=HOP_PROBABILITIES)
    ends_external = (hops > 0) & (rng.random(n) < EXTERNAL_END_SHARE)
    capacity = world.internal_capacity / world.internal_capacity.sum()
    for hop in range(1, MAX_HOPS + 1):
        moving = hops >= hop
        target = rng.choice(world.internal_ids, size=n, p=capacity)
        if hop >= 2:
            back = moving & (rng.random(n) < PING_PONG_SHARE)
            target[back] = chain[back, hop - 2]
        same = target == chain[:, hop - 1]
        target[same] = rng.choice(world.internal_ids, size=int(same.sum()), p=capacity)
        target = reforms.spare_returns(protocol_rng, world, chain, target, hop, covered & moving)
        chain[moving, hop] = target[moving]
    last_external = ends_external & (hops > 0)
    rows = np.flatnonzero(last_external)
    chain[rows, hops[rows]] = _external_actor(rng, world, group[rows], partido[rows])
    return chain, hops, ends_external, covered


def _delegation(rng: np.random.Generator, world: World, partido: np.ndarray) -> np.ndarray:
    codes = world.internal_codes
    conurbano = np.isin(codes, CONURBANO_DELEGATIONS)
    interior = np.char.startswith(codes.astype(str), "DEL-") & ~conurbano
    in_conurbano = world.partido_conurbano[partido]
    return np.where(
        in_conurbano,
        rng.choice(world.internal_ids[conurbano], size=len(partido)),
        rng.choice(world.internal_ids[interior], size=len(partido)),
    )


def _external_actor(
    rng: np.random.Generator, world: World, group: np.ndarray, partido: np.ndarray
) -> np.ndarray:
    """The partido's own municipality when it has a desk in the hub, else an actor of the kind."""
    actor = np.zeros(len(group), dtype=np.int64)
    first_kind = rng.random(len(group)) < 0.6
    for index, kinds in enumerate(world.group_external_kinds):
        for position, kind in enumerate(kinds):
            members = np.flatnonzero((group == index) & (first_kind == (position == 0)))
            pool = world.external_ids[world.external_kinds == str(kind)]
            actor[members] = rng.choice(pool, size=len(members))
            if kind == DepartmentKind.MUNICIPALITY:
                own = np.array(
                    [
                        world.municipal_actor_by_partido.get(int(world.partido_ids[p]), -1)
                        for p in partido[members]
                    ]
                )
                actor[members] = np.where(own > 0, own, actor[members])
    return actor


def _with_duplicates(
    rng: np.random.Generator, world: World, base: CasePlan, duplicates: int, until: date
) -> CasePlan:
    """Add second intakes of earlier requests through another channel, then sort by time."""
    end = np.datetime64(until).astype("datetime64[s]")
    candidates = np.flatnonzero(~base.annulled & (base.created < end - np.timedelta64(4, "D")))
    source = rng.choice(candidates, size=min(duplicates, len(candidates)), replace=False)
    lag = rng.integers(1800, 4 * 86400, size=len(source)).astype("timedelta64[s]")
    channel_ids = np.array([world.channel_ids[code] for code in CHANNEL_CODES])
    original_channel = np.searchsorted(channel_ids, base.channel_id[source])
    other = (original_channel + rng.integers(1, len(CHANNEL_CODES), size=len(source))) % len(
        CHANNEL_CODES
    )
    copy = {
        name: np.concatenate([getattr(base, name), getattr(base, name)[source]])
        for name in (
            "partido",
            "citizen",
            "group",
            "category_id",
            "priority",
            "sla_hours",
            "annulled",
            "hops",
            "ends_external",
            "under_protocol",
        )
    }
    n_dup = len(source)
    copy["hops"][-n_dup:] = 0
    copy["ends_external"][-n_dup:] = False
    copy["under_protocol"][-n_dup:] = False  # merged at intake, it reaches no department
    duplicate_chain = np.full((n_dup, MAX_HOPS + 1), -1)
    created = np.concatenate([base.created, base.created[source] + lag])
    plan = CasePlan(
        created=created,
        channel_id=np.concatenate([base.channel_id, channel_ids[other]]),
        intake_id=np.concatenate([base.intake_id, _intake(rng, world, other)]),
        chain=np.concatenate([base.chain, duplicate_chain]),
        duplicate_of=np.concatenate([base.duplicate_of, source]),
        **copy,
    )
    order = np.argsort(created, kind="stable")
    new_position = np.empty_like(order)
    new_position[order] = np.arange(len(order))
    fields = {name: value[order] for name, value in vars(plan).items()}
    fields["duplicate_of"] = np.where(
        fields["duplicate_of"] >= 0, new_position[np.maximum(fields["duplicate_of"], 0)], -1
    )
    return CasePlan(**fields)
