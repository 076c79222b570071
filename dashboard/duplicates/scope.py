"""Which pairs of probable duplicates a person may review, as a SQL condition.

The review queue filters with this and the commands check ``Actor.may_review_duplicates``:
the same rule twice, once per side of the wire, and ``tests/test_duplicate_commands.py``
holds them equal role by role.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, true
from sqlalchemy.orm import aliased
from sqlalchemy.orm.util import AliasedClass

from auth.roles import Actor
from dashboard.domain import Role
from dashboard.models import Case


def review_scope_clause(
    actor: Actor, first: AliasedClass[Case], second: AliasedClass[Case]
) -> ColumnElement[bool]:
    """True for a pair (its two cases aliased as ``first`` and ``second``) ``actor`` may
    review: administrators any; an intake clerk where either case came in through their area;
    a supervisor where either case is now in one of her departments; nobody else."""
    if actor.role == Role.ADMIN:
        return true()
    if actor.role == Role.INGRESO:
        column = "intake_department_id"
    elif actor.role == Role.SUPERVISOR:
        column = "department_id"
    else:
        return false()
    areas = list(actor.department_ids)
    return or_(getattr(first, column).in_(areas), getattr(second, column).in_(areas))


def pair_aliases() -> tuple[AliasedClass[Case], AliasedClass[Case]]:
    """The two cases of a pair, aliased for joins on ``duplicate_pairs``."""
    return aliased(Case, name="first_case"), aliased(Case, name="second_case")
