"""The read models derived from ``case_events`` (``case_stays``, ``case_states``,
``case_milestones``, ``case_closings``), handled as one by the writers that must rebuild them
themselves: the seed's bulk load and imports."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard.closings import (
    create_closings_trigger,
    drop_closings_trigger,
    refresh_case_closings,
)
from dashboard.milestones import (
    create_milestones_trigger,
    drop_milestones_trigger,
    refresh_case_milestones,
)
from dashboard.states import create_states_trigger, drop_states_trigger, refresh_case_states
from dashboard.stays import (
    CaseIds,
    create_refresh_trigger,
    drop_refresh_trigger,
    refresh_case_stays,
)


def refresh_read_models(connection: Connection, case_ids: CaseIds = None) -> None:
    """Rebuild the stays, state spans, milestones and closings of ``case_ids`` (every case
    when ``None``)."""
    refresh_case_stays(connection, case_ids)
    refresh_case_states(connection, case_ids)
    refresh_case_milestones(connection, case_ids)
    refresh_case_closings(connection, case_ids)


def create_triggers(connection: Connection) -> None:
    create_refresh_trigger(connection)
    create_states_trigger(connection)
    create_milestones_trigger(connection)
    create_closings_trigger(connection)


def drop_triggers(connection: Connection) -> None:
    drop_refresh_trigger(connection)
    drop_states_trigger(connection)
    drop_milestones_trigger(connection)
    drop_closings_trigger(connection)
