"""The read models derived from ``case_events`` (``case_stays``, ``case_states``,
``case_milestones``, ``case_closings``), handled as one by the writers that must rebuild them
themselves: the seed's bulk load and imports."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard import closings, milestones, states, stays
from dashboard.history_triggers import CaseIds, ReadModel

#: Every read model, in the order they are rebuilt and their triggers created and dropped.
READ_MODELS: tuple[ReadModel, ...] = (
    stays.READ_MODEL,
    states.READ_MODEL,
    milestones.READ_MODEL,
    closings.READ_MODEL,
)


def refresh_read_models(connection: Connection, case_ids: CaseIds = None) -> None:
    """Rebuild the stays, state spans, milestones and closings of ``case_ids`` (every case
    when ``None``)."""
    for read_model in READ_MODELS:
        read_model.refresh(connection, case_ids)


def create_triggers(connection: Connection) -> None:
    for read_model in READ_MODELS:
        read_model.create_trigger(connection)


def drop_triggers(connection: Connection) -> None:
    for read_model in READ_MODELS:
        read_model.drop_trigger(connection)
