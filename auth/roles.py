"""What each role sees: its pages, its scope and whether citizens' personal data may be shown.

| role | scope | personal data |
| --- | --- | --- |
| supervisor | the departments assigned to the user | revealed per case in scope, with a reason |
| gabinete | whole province | never |
| mesa | whole province | never |
| admin | whole province | revealed per case, with a reason |
| ingreso | whole province for figures; imports and duplicates for their intake area(s) | never |
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.domain import Role

#: Page ids (``url_path``) each role may open; navigation and access checks use this.
PAGES: dict[Role, tuple[str, ...]] = {
    Role.SUPERVISOR: ("resumen", "bandejas", "pendientes", "indicadores", "solicitud",
                      "duplicados"),
    Role.GABINETE: ("resumen", "bandejas", "pendientes", "derivaciones", "sobrecarga",
                    "indicadores", "solicitud", "cambios", "linea_de_base", "evidencia"),
    Role.MESA: ("resumen", "bandejas", "pendientes", "derivaciones", "sobrecarga", "indicadores",
                "solicitud", "cambios", "linea_de_base", "evidencia"),
    Role.ADMIN: ("resumen", "bandejas", "pendientes", "derivaciones", "sobrecarga", "indicadores",
                 "solicitud", "cambios", "linea_de_base", "evidencia", "importar", "duplicados",
                 "usuarios", "catalogo", "auditoria"),
    Role.INGRESO: ("importar", "duplicados", "resumen"),
}  # fmt: skip
#: Roles that register and edit process changes and freeze baselines (the task force's
#: tools); the minister's office reads them.
MAY_RECORD_EVIDENCE: frozenset[Role] = frozenset({Role.MESA, Role.ADMIN})
#: Roles that may reveal a case's personal data (with a stated reason, logged).
MAY_REVEAL: frozenset[Role] = frozenset({Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True)
class Actor:
    """The person behind a read or a write: checked on the server, whatever the UI shows."""

    username: str
    role: Role
    #: Departments a supervisor works for; empty for province-wide roles.
    department_ids: tuple[int, ...] = ()

    def may_import(self, intake_department_id: int) -> bool:
        """Bringing sheets in for an intake area: its own clerks, and administrators."""
        return self.role == Role.ADMIN or (
            self.role == Role.INGRESO and intake_department_id in self.department_ids
        )

    def may_review_duplicates(
        self, intake_ids: Iterable[int], department_ids: Iterable[int]
    ) -> bool:
        """Deciding about a pair of probable duplicates, given both cases' intake areas and
        current departments: administrators any pair; an intake clerk a pair where either case
        came in through their area; a supervisor a pair where either case is now in one of her
        departments. ``dashboard.duplicates.scope.review_scope_clause`` is the same rule in SQL."""
        if self.role == Role.ADMIN:
            return True
        if self.role == Role.INGRESO:
            return any(intake in self.department_ids for intake in intake_ids)
        if self.role == Role.SUPERVISOR:
            return any(department in self.department_ids for department in department_ids)
        return False

    @property
    def scope(self) -> tuple[int, ...] | None:
        """Departments this actor's reads are limited to, or ``None`` for the whole province."""
        return self.department_ids if self.role == Role.SUPERVISOR else None

    def covers(self, department_id: int) -> bool:
        return self.scope is None or department_id in self.scope

    def may_reveal(self, department_id: int) -> bool:
        return self.role in MAY_REVEAL and self.covers(department_id)

    @property
    def may_search_by_dni(self) -> bool:
        """Finding a case by its citizen's DNI is a use of personal data: same roles as reveal."""
        return self.role in MAY_REVEAL

    @property
    def may_reassign(self) -> bool:
        """Only a department's supervision moves its cases (checked again in ``commands``)."""
        return self.role == Role.SUPERVISOR
