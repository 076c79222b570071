"""The reference data every installation loads: 134 partidos with INDEC codes, the catalogue."""

from __future__ import annotations

from dashboard.reference import municipality_rows
from dashboard.reference.catalog import CATEGORY_GROUPS, INTERNAL_DEPARTMENTS


def test_every_partido_has_a_distinct_buenos_aires_indec_code() -> None:
    rows = municipality_rows()
    codes = [row["indec_code"] for row in rows]
    assert len(rows) == 134
    assert all(isinstance(code, str) and len(code) == 5 for code in codes)
    assert all(code.startswith("06") for code in codes)
    assert len(set(codes)) == 134


def test_population_is_the_latest_projection_and_the_conurbano_has_24_partidos() -> None:
    rows = municipality_rows()
    assert sum(1 for row in rows if row["zone"] == "conurbano") == 24
    total = sum(row["population"] for row in rows)
    assert 17_500_000 < total < 19_000_000


def test_each_category_group_is_owned_by_known_departments_with_all_sla_targets() -> None:
    known = {code for code, _, _ in INTERNAL_DEPARTMENTS}
    for group in CATEGORY_GROUPS:
        assert set(group.departments) <= known, group.code
        assert len(group.sla_hours) == 4, group.code
