"""The shared case database as SQLAlchemy 2 typed models.

The schema, its indexes and the reasons for each are drawn in ``docs/schema.md``. Alembic
migrations in ``migrations/`` build exactly this schema; ``tests/test_migrations.py`` proves
they agree. Timestamps are naive local time of the province (``domain.LOCAL_TZ``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from dashboard.domain import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    DepartmentKind,
    DuplicateDecision,
    EventKind,
    Priority,
    Role,
    Status,
)

#: Integer primary keys that may pass 2**31 in years of history; SQLite needs INTEGER for rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_column(enum: type[StrEnum], name: str) -> Enum:
    """A VARCHAR with a CHECK of the enum's values: portable, and readable in raw SQL."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda e: [member.value for member in e],
    )


#: A span whose status is open (the predicate of ``case_states``' partial index).
OPEN_SPAN = "status IN ({})".format(", ".join(f"'{status}'" for status in OPEN_STATUSES))
#: An open span that was overdue at some moment it held (``queries.definitions.overdue_span``).
OVERDUE_SPAN = (
    f"{OPEN_SPAN} AND (ended_at IS NULL OR due_at < ended_at) "
    "AND (paused_at IS NULL OR due_at < paused_at)"
)
#: A span of a case merged into another (``queries.definitions.merged_at``).
DUPLICATE_SPAN = f"status = '{Status.DUPLICADA.value}'"
#: An event into a closed status (the predicate of ``case_events``' partial index of closings).
CLOSING_EVENT = "to_status IN ({})".format(", ".join(f"'{status}'" for status in CLOSED_STATUSES))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Municipality(Base):
    """A partido of the province (reference data from INDEC, see ``dashboard/reference``)."""

    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indec_code: Mapped[str | None] = mapped_column(String(5), unique=True)
    clave: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    zone: Mapped[str] = mapped_column(String(10))  # conurbano | interior
    population: Mapped[int] = mapped_column(Integer)
    population_year: Mapped[int] = mapped_column(SmallInteger)


class Department(Base):
    """An intake area, an internal department, or an external actor cases are referred to."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[DepartmentKind] = mapped_column(enum_column(DepartmentKind, "department_kind"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    #: Cases per week the department can handle; NULL for external actors.
    weekly_capacity: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    weekly_capacity: Mapped[int] = mapped_column(Integer)


class Citizen(Base):
    """Sensitive personal data (Law 25.326): kept apart so it is read only where needed."""

    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    #: NULL for someone a sheet named without a DNI or CUIL (unique among the rest).
    dni: Mapped[str | None] = mapped_column(String(10), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(String(200))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))


class Channel(Base):
    __tablename__ = "channels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(80))


class Category(Base):
    """Two-level taxonomy: a top-level group (``parent_id`` NULL) and its categories."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))


class SlaTarget(Base):
    """Hours allowed from creation to close, per category and priority."""

    __tablename__ = "sla_targets"

    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), primary_key=True)
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "priority"), primary_key=True)
    target_hours: Mapped[int] = mapped_column(Integer)
    __table_args__ = (CheckConstraint("target_hours > 0", name="positive_hours"),)


class Case(Base):
    """One citizen request, whatever door it came in through."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    #: NULL for an anonymous report: no DNI, no name (migration 0009).
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    intake_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "priority"))
    status: Mapped[Status] = mapped_column(enum_column(Status, "status"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    #: NULL when the request names no partido, or a place outside the province: figures by
    #: partido show it as "sin partido" (migration 0009).
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    #: When the case began waiting (``en_espera``); its clock is stopped until it resumes.
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closure_reason: Mapped[str | None] = mapped_column(String(200))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    #: Optimistic concurrency: every write checks and increments it.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __table_args__ = (
        CheckConstraint(
            "closed_at IS NULL OR closed_at >= created_at", name="closed_after_created"
        ),
        # Inflow, "cases by channel" and every period filter; with the department, weekly
        # inflow per department is read from the index alone.
        Index("ix_cases_created_at_department", "created_at", "department_id"),
        # Outflow and "open at time t" (closed_at IS NULL OR closed_at > t); weekly outflow
        # per department from the index alone.
        Index("ix_cases_closed_at_department", "closed_at", "department_id"),
        # Queues: the open cases of a department, small because most cases are closed.
        Index(
            "ix_cases_open_department",
            "department_id",
            "due_at",
            postgresql_where=text("closed_at IS NULL"),
            sqlite_where=text("closed_at IS NULL"),
        ),
        # Duplicates and a citizen's other cases.
        Index("ix_cases_citizen_id", "citizen_id"),
        # The cases merged into a survivor, whose history its timeline shows (migration 0010).
        Index(
            "ix_cases_duplicate_of_id",
            "duplicate_of_id",
            postgresql_where=text("duplicate_of_id IS NOT NULL"),
            sqlite_where=text("duplicate_of_id IS NOT NULL"),
        ),
    )


class CaseEvent(Base):
    """Append-only history of a case: nothing updates or deletes a row here."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "event_kind"))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    to_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    from_status: Mapped[Status | None] = mapped_column(enum_column(Status, "from_status"))
    to_status: Mapped[Status | None] = mapped_column(enum_column(Status, "to_status"))
    reason: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    #: The person responsible after this event, when it names one; a move with nobody named
    #: leaves the case unassigned (migration 0015). No foreign key, as ``case_stays``: the
    #: writers check the person, and only the ``case_states`` read model reads it.
    assignee_id: Mapped[int | None] = mapped_column(Integer)
    #: The case's due date after this event, when the event set it (creation) or moved it (the
    #: end of a wait); NULL keeps the one before (migration 0015).
    due_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        # A case's timeline, in order.
        Index("ix_case_events_case_id_at", "case_id", "at"),
        # Referral flows and dwell times: events of a kind into a department over time.
        Index("ix_case_events_kind_to_department_at", "kind", "to_department_id", "at"),
        # Closings in a period (the protocol's closing rules), migration 0016.
        Index(
            "ix_case_events_closing_at",
            "at",
            postgresql_where=text(CLOSING_EVENT),
            sqlite_where=text(CLOSING_EVENT),
        ),
    )


user_departments = Table(
    "user_departments",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id"), primary_key=True),
)


class User(Base):
    """A dashboard user; the departments in ``user_departments`` bound a supervisor's scope."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: Login cookies issued before this moment no longer log anyone in (logout, new password).
    sessions_valid_after: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("email"),)


class LoginAttempt(Base):
    """Every password login attempt, so lockout counts across sessions and servers."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    username: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(DateTime)
    succeeded: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),)


class AuditEntry(Base):
    """Who did what, when, with which filters: every write, export and reveal of personal data.

    Append-only like the case history (migration 0003 adds the same guard).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(60))
    role: Mapped[str | None] = mapped_column(String(24))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str | None] = mapped_column(String(300))
    #: JSON text: the filters of an export, the fields a write changed.
    details: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_username_at", "username", "at"),
    )


#: The case's attributes each span of ``case_states`` and each row of ``case_milestones``
#: carries (they never change after the case's creation): ``dashboard.states`` and
#: ``dashboard.milestones`` copy them, the flow indexes include them.
SPAN_CASE_ATTRIBUTES = ("channel_id", "intake_department_id", "category_id", "municipality_id")


class CaseState(Base):
    """One span of a case's state (status, department, assignee, due date, wait) and when it
    began and ended, derived from its history by ``dashboard.states``.

    Every figure for a cut-off reads the spans holding at that moment, so it is the same
    whenever it is asked: later reassignments, reopenings and merges add spans after the
    cut-off, never change those before it. Like ``case_stays`` it has no foreign keys and
    can always be rebuilt from ``case_events``.
    """

    __tablename__ = "case_states"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    #: 0 is the state the case was created in, then one more for each change.
    seq: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    #: The case's creation (which never changes), so queues age their cases without a join.
    created_at: Mapped[datetime] = mapped_column(DateTime)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    #: When the next span began; NULL for the case's current state.
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[Status] = mapped_column(enum_column(Status, "status"))
    department_id: Mapped[int] = mapped_column(Integer)
    assignee_id: Mapped[int | None] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    #: While ``en_espera``: when the wait began (the clock is stopped since).
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The span enters its department's backlog: open, and the span before was not open in
    #: the same department (a new case, a referral in, a reopening).
    enters: Mapped[bool] = mapped_column(Boolean)
    #: The span leaves its department's backlog when it ends: open, and the span after is
    #: not open in the same department (a closing, a referral out).
    leaves: Mapped[bool] = mapped_column(Boolean)
    #: The case's own attributes, which never change after its creation, copied so that a
    #: figure by channel, intake area, category or partido reads the spans alone: joining
    #: ``cases`` cost a hash of every case for each part of a backlog trend.
    channel_id: Mapped[int | None] = mapped_column(Integer)
    intake_department_id: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer)
    municipality_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        # "Open at t": open spans still running at t (ended later, or not at all); few,
        # because most spans are closed ones or ended long ago.
        Index(
            "ix_case_states_open_ended_at",
            "ended_at",
            "department_id",
            postgresql_where=text(OPEN_SPAN),
            sqlite_where=text(OPEN_SPAN),
        ),
        # Changes of state in a period (closings, reopenings).
        Index("ix_case_states_started_at", "started_at"),
        # The overdue cases of a trend's earlier cut-offs: the few spans ever overdue, by end.
        Index(
            "ix_case_states_overdue_ended_at",
            "ended_at",
            "started_at",
            "due_at",
            "department_id",
            postgresql_where=text(OVERDUE_SPAN),
            sqlite_where=text(OVERDUE_SPAN),
            postgresql_include=SPAN_CASE_ATTRIBUTES,
        ),
        # The cases that were duplicates at a cut-off (``queries.definitions.merged_at``):
        # the few spans in ``duplicada``, from the index alone.
        Index(
            "ix_case_states_duplicate",
            "started_at",
            "ended_at",
            "case_id",
            postgresql_where=text(DUPLICATE_SPAN),
            sqlite_where=text(DUPLICATE_SPAN),
        ),
        # The weekly flows of a department's backlog, from the index alone: spans entering
        # it by their start, spans leaving it by their end. On PostgreSQL these and the
        # overdue spans' index carry the case's attributes too, so a trend by channel, area,
        # category or partido is an index-only scan as well (SQLite has no INCLUDE).
        Index(
            "ix_case_states_entering",
            "started_at",
            "department_id",
            postgresql_where=text("enters"),
            sqlite_where=text("enters"),
            postgresql_include=SPAN_CASE_ATTRIBUTES,
        ),
        Index(
            "ix_case_states_leaving",
            "ended_at",
            "department_id",
            postgresql_where=text("leaves"),
            sqlite_where=text("leaves"),
            postgresql_include=SPAN_CASE_ATTRIBUTES,
        ),
    )


class CaseStay(Base):
    """One stay of a case in a department or an external actor, derived from its history.

    A read model for the referral flows (``queries/referrals.py``): ``dashboard.stays``
    rebuilds it from ``case_events``, so it holds nothing the history does not and can always
    be rebuilt. Read at a past cut-off, a stay that began later does not count and one that
    ended later is still running. It has no foreign keys: its case and departments are those
    of events whose own keys were checked (and a case or department with history is never
    deleted), and checking them again cost an import of 100,000 rows 600,000 lookups.
    """

    __tablename__ = "case_stays"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    #: 0 is the intake area, 1 the first department, 2 the second, and so on.
    step: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    department_id: Mapped[int] = mapped_column(Integer)
    entered_at: Mapped[datetime] = mapped_column(DateTime)
    #: When the next stay began; NULL for the latest stay (whose end, if any, is the closing).
    left_at: Mapped[datetime | None] = mapped_column(DateTime)
    next_department_id: Mapped[int | None] = mapped_column(Integer)
    #: The case had been in this department before and left it: a ping-pong return.
    revisit: Mapped[bool] = mapped_column(Boolean)


class CaseMilestones(Base):
    """When each case first reached each milestone of the indicators, one row per case,
    derived from its history by ``dashboard.milestones``.

    The indicators of a cohort (time to first action and to close, reopen, referral and
    external rates) read one row per case here instead of aggregating its events and stays
    at every read. Each moment is the first ever: the milestone was reached by a cut-off
    exactly when it is before it, so a past figure never changes. The ``*_clock`` columns
    are the business clock (``business_days.hours_before`` plus the business hours into the
    day) at that moment; NULL outside the calendar's years.
    """

    __tablename__ = "case_milestones"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_clock: Mapped[float | None] = mapped_column(Float)
    #: The first assignment, referral or reassignment.
    first_action_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_action_clock: Mapped[float | None] = mapped_column(Float)
    #: The first move into a closed status.
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_clock: Mapped[float | None] = mapped_column(Float)
    #: The first reopening (undoing a merge is not one).
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The first stay at step 2 or later: a move between departments.
    referred_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The first stay in an external actor.
    external_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The stay at step 1, the first department the case was sent to, and when.
    first_department_id: Mapped[int | None] = mapped_column(Integer)
    first_department_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The first return to a department the case had left (a ping-pong).
    revisited_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The case's channel, intake area, category and partido (``SPAN_CASE_ATTRIBUTES``,
    #: which never change), so a cohort by or filtered by one of them joins no case.
    channel_id: Mapped[int | None] = mapped_column(Integer)
    intake_department_id: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer)
    municipality_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_case_milestones_created_at", "created_at"),)


class CaseClosing(Base):
    """One closing of a case (a move from an open status to a closed one) and whether it came
    within the due date valid just before, derived from its history by
    ``dashboard.closings``: outflow and SLA compliance read a period's closings by ``at``."""

    __tablename__ = "case_closings"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    on_time: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_case_closings_at", "at", "on_time"),)


class BusinessDay(Base):
    """One day of the business calendar: the clock of ``dashboard.deadlines`` as a table, so
    business durations can be summed in SQL (``dashboard.business_calendar``, migration 0014).
    """

    __tablename__ = "business_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    #: A weekday that is not an Argentine national holiday: all 24 of its hours count.
    business: Mapped[bool] = mapped_column(Boolean)
    #: Business hours from ``deadlines.EPOCH`` to this day's midnight.
    hours_before: Mapped[float] = mapped_column(Float)


class ImportBatch(Base):
    """One spreadsheet an intake area brought into the base: who, when, which file (and its
    SHA-256), with which mapping, and what became of its rows. A batch is undone as a whole:
    its cases become ``anulada`` with an event saying why; nothing is deleted."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    intake_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    sheet: Mapped[str | None] = mapped_column(String(120))
    #: JSON text: the column and value mapping the rows were read with.
    mapping: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(60))
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_imported: Mapped[int] = mapped_column(Integer)
    rows_already: Mapped[int] = mapped_column(Integer)
    rows_with_errors: Mapped[int] = mapped_column(Integer)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(60))
    undo_reason: Mapped[str | None] = mapped_column(String(300))

    __table_args__ = (Index("ix_import_batches_intake_department_id", "intake_department_id"),)


class CaseSource(Base):
    """Where an imported case came from: its batch, the sheet's row and the source's own id.

    ``fingerprint`` is a hash of the row's normalised values, unique per intake area among
    the batches not undone: the same row imported again (the same file, or next week's longer
    copy of it) is recognised and skipped, also in sheets with no id column, while the rows of
    an undone batch may be imported again.
    """

    __tablename__ = "case_sources"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"))
    intake_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    row_number: Mapped[int] = mapped_column(Integer)
    #: The workbook's sheet, when the batch read several (each numbers its rows from the top).
    sheet: Mapped[str | None] = mapped_column(String(120))
    source_id: Mapped[str | None] = mapped_column(String(80))
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: JSON text: values the import had to correct, as the sheet wrote them.
    original: Mapped[str | None] = mapped_column(Text)
    #: Its batch was undone (the case is ``anulada``): the row no longer counts as imported.
    undone: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    __table_args__ = (
        Index(
            "ix_case_sources_fingerprint",
            "intake_department_id",
            "fingerprint",
            unique=True,
            postgresql_where=text("NOT undone"),
            sqlite_where=text("NOT undone"),
        ),
        Index("ix_case_sources_batch_id", "batch_id"),
    )


class ImportMapping(Base):
    """A source's saved mapping (columns to fields, sheet values to catalogue codes), so next
    week's sheet from the same area maps itself."""

    __tablename__ = "import_mappings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    name: Mapped[str] = mapped_column(String(80))
    #: JSON text: {"columns": {header: field}, "values": {field: {folded value: code}}}.
    mapping: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(60))

    __table_args__ = (UniqueConstraint("intake_department_id", "name"),)


class DuplicatePair(Base):
    """Two cases that are probably the same request of the same person, found by
    ``dashboard.duplicates`` and waiting for (or carrying) a person's decision.

    A pair is stored once (``case_id`` < ``other_case_id``) and never proposed again once
    decided: a scan skips pairs already here. ``reasons`` says in data why they look alike.
    """

    __tablename__ = "duplicate_pairs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    other_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    #: 0–100: how sure the comparison is that both are the same request.
    score: Mapped[int] = mapped_column(SmallInteger)
    #: JSON text: which fields agree and which differ, rendered in words by the page.
    reasons: Mapped[str] = mapped_column(Text)
    found_at: Mapped[datetime] = mapped_column(DateTime)
    #: NULL while pending.
    decision: Mapped[DuplicateDecision | None] = mapped_column(
        enum_column(DuplicateDecision, "duplicate_decision")
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(60))
    #: The case that survived a merge (the other one is ``duplicada`` of it).
    survivor_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))

    __table_args__ = (
        UniqueConstraint("case_id", "other_case_id"),
        CheckConstraint("case_id < other_case_id", name="ordered_pair"),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        # The review queue: pending pairs, best first.
        Index("ix_duplicate_pairs_decision_score", "decision", "score"),
        # A case's pairs, from either side.
        Index("ix_duplicate_pairs_other_case_id", "other_case_id"),
    )


class ProcessChange(Base):
    """A change the task force made to how requests are received, categorised or referred,
    dated so its evidence (``dashboard.evidence``) compares the weeks before and after it.

    Registered and edited by ``mesa`` and ``admin`` through ``dashboard.commands`` (audited);
    ``version`` is bumped on every edit so two people editing at once cannot overwrite each
    other unseen.
    """

    __tablename__ = "process_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text)
    #: The first day the new way of working applied.
    effective_on: Mapped[date] = mapped_column(Date)
    #: JSON text: ids of what it touched, by kind (``department``, ``intake_area``,
    #: ``channel``, ``category_group``); an empty list is "none of that kind".
    touches: Mapped[str] = mapped_column(Text)
    registered_by: Mapped[str] = mapped_column(String(60))
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(60))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __table_args__ = (Index("ix_process_changes_effective_on", "effective_on"),)


class Baseline(Base):
    """A frozen, citable snapshot of demand and performance over a period: the figures as
    computed when it was frozen, with their filters, the definitions' version and a content
    hash. Never updated (migration 0021 guards it like the audit log): later edits to the
    cases do not change it, and today's recomputation is shown beside it."""

    __tablename__ = "baselines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    #: JSON text: the filters the figures were computed with.
    filters: Mapped[str] = mapped_column(Text)
    definitions_version: Mapped[str] = mapped_column(String(20))
    #: JSON text: every figure of the snapshot (``dashboard.evidence.baseline``).
    content: Mapped[str] = mapped_column(Text)
    #: SHA-256 of ``content``: two copies with the same hash hold the same figures.
    content_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)
