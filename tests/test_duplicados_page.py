"""Duplicados in AppTest: the pairs the finder proposed, reviewed by each role that may, in
both languages; a merge from the page, and a role that may not open it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from dashboard.domain import Status
from dashboard.duplicates.find import scan
from dashboard.i18n import translate
from dashboard.models import Case, Department
from tests.apptest_pages import page_as
from tests.test_number_formats import DAY, display_text


@pytest.fixture
def proposed(app_database: Engine) -> Engine:
    """The fixture's three cases of Ana Pérez: the two 18 and 20 days apart are proposed."""
    assert scan(app_database).found == 2
    return app_database


def queue_codes(at: AppTest) -> list[tuple[str, str]]:
    """The codes of each pair the queue lists, in its order."""
    table = next(frame.value for frame in at.dataframe if "code_a" in frame.value.columns)
    return list(zip(table["code_a"], table["code_b"], strict=True))


def button(at: AppTest, key: str, lang: str = "es"):
    return next(b for b in at.button if b.label == translate(key, lang))


def status_of(engine: Engine, code: str) -> Status:
    with engine.connect() as connection:
        return connection.execute(select(Case.status).where(Case.code == code)).scalar_one()


def department_of(engine: Engine, code: str) -> str:
    with engine.connect() as connection:
        return connection.execute(
            select(Department.code).join(Case, Case.department_id == Department.id)
            .where(Case.code == code)
        ).scalar_one()  # fmt: skip


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("username", ["ingreso", "supervisora", "admin"])
def test_each_reviewer_sees_the_proposed_pairs_side_by_side(
    proposed: Engine, username: str, lang: str
) -> None:
    at = page_as(username, "duplicados", lang)
    assert not at.exception and not at.error
    assert len(queue_codes(at)) == 2
    first, second = queue_codes(at)[0]
    side_by_side = next(f.value for f in at.dataframe if first in f.value.columns)
    assert second in side_by_side.columns
    rows = dict(zip(side_by_side[translate("field.label", lang)], side_by_side[first],
                    strict=True))  # fmt: skip
    assert rows[translate("field.dni", lang)] == "**.***.456"  # masked
    assert translate("duplicates.reason.document.agree", lang) in " ".join(
        block.value for block in at.markdown
    )


def test_a_merge_from_the_page_asks_for_confirmation_and_says_what_it_did(
    proposed: Engine,
) -> None:
    at = page_as("ingreso", "duplicados")
    survivor, duplicate = queue_codes(at)[0]
    at = button(at, "duplicados.merge").click().run()
    assert status_of(proposed, duplicate) != Status.DUPLICADA  # not before confirming
    assert at.warning[0].value == translate("duplicados.confirm.text", duplicate=duplicate,
                                            survivor=survivor)  # fmt: skip
    at = button(at, "duplicados.confirm").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value == f"{duplicate} quedó como duplicada de {survivor}."
    assert status_of(proposed, duplicate) == Status.DUPLICADA
    assert (survivor, duplicate) not in queue_codes(at)
    recent = next(f.value for f in at.dataframe if "survivor" in f.value.columns)
    assert recent["duplicate"].tolist() == [duplicate]


def test_a_supervisor_keeps_the_other_areas_case_and_merges_her_own(proposed: Engine) -> None:
    at = page_as("supervisora", "duplicados")
    # The pair of her case and Hábitat's: she may merge hers into theirs, not the reverse.
    mixed = {"DIR-ALIM", "DIR-HAB"}
    pair = next(p for p in queue_codes(at) if {department_of(proposed, c) for c in p} == mixed)
    ours = next(code for code in pair if department_of(proposed, code) == "DIR-ALIM")
    theirs = next(code for code in pair if code != ours)
    at = choose_pair(at, pair)
    at = at.radio[0].set_value(theirs).run()
    at = button(at, "duplicados.merge").click().run()
    at = button(at, "duplicados.confirm").click().run()
    assert at.success[0].value == f"{ours} quedó como duplicada de {theirs}."
    assert status_of(proposed, ours) == Status.DUPLICADA


def test_a_refused_decision_is_said_in_spanish_and_the_pair_shows_as_decided(
    proposed: Engine,
) -> None:
    first = page_as("admin", "duplicados")
    second = page_as("ingreso", "duplicados")
    survivor, duplicate = queue_codes(first)[0]
    button(button(first, "duplicados.merge").click().run(), "duplicados.confirm").click().run()
    second = button(second, "duplicados.not_duplicate").click().run()
    assert not second.exception
    assert second.error[0].value.startswith("Este par ya lo decidió admin el ")
    decided = " ".join(info.value for info in second.info)
    assert decided.startswith("admin las unificó el ") and decided.endswith(f"queda {survivor}.")
    assert status_of(proposed, duplicate) == Status.DUPLICADA


def test_roles_that_do_not_review_duplicates_cannot_open_the_page(app_database: Engine) -> None:
    for username in ("gabinete", "mesa"):
        with pytest.raises(LookupError):
            page_as(username, "duplicados")


def choose_pair(at: AppTest, pair: tuple[str, str]) -> AppTest:
    """Open ``pair`` in the chooser of the pair to review."""
    chooser = next(s for s in at.selectbox if s.label == translate("duplicados.choose"))
    index = next(i for i, o in enumerate(chooser.options) if pair[0] in o and pair[1] in o)
    return chooser.select_index(index).run()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_queue_writes_dates_and_days_in_the_interface_language(
    proposed: Engine, lang: str
) -> None:
    at = page_as("admin", "duplicados", lang)
    queue = next(frame for frame in at.dataframe if "code_a" in frame.value.columns)
    written = display_text(queue)
    assert all(re.fullmatch(DAY[lang], day) for day in written["created_at_a"])
    assert sorted(written["days_apart"]) == sorted(
        {"es": ["18,0", "20,0"], "en": ["18.0", "20.0"]}[lang]
    )
    assert queue.value["days_apart"].dtype.kind == "f"  # numbers underneath: sorts as numbers
