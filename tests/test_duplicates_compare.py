"""Scoring two requests and saying why, with answers worked out by hand from the weights:
DNI 35, name 20, phone 15, address 10, category 10, time 10 (a missing field earns half)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from dashboard.duplicates import Facts, compare, describe
from dashboard.duplicates.compare import address_key, phone_key
from dashboard.duplicates.find import judge

MONDAY = datetime(2026, 5, 4, 10, 0)
FLOOD, STORM, EMERGENCIES = 11, 12, 10
FOOD_BAGS, FOOD = 21, 20

ANA = Facts(
    dni="30123456", first_name="Ana María", last_name="Pérez", phone="+54 9 221 555-0101",
    address="Calle 7 N° 1234", category_id=FLOOD, group_id=EMERGENCIES, created_at=MONDAY,
)  # fmt: skip


def test_the_same_request_written_two_ways_scores_100() -> None:
    again = replace(
        ANA, first_name="ANA MARIA", last_name="perez", phone="+5492215550101",
        address="calle 7 1234",
    )  # fmt: skip
    match = compare(ANA, again)
    assert match.score == 100
    assert match.reasons == {"document": "agree", "name": "agree", "phone": "agree",
                             "address": "agree", "category": "agree", "days": 0}  # fmt: skip


def test_another_category_of_the_group_three_days_later_without_a_phone() -> None:
    later = replace(ANA, phone=None, category_id=STORM, created_at=MONDAY + timedelta(days=3))
    match = compare(ANA, later)
    # 35 + 20 + 15/2 + 10 + 10/2 + 10 × (1 − 3/30) = 86.5, rounded half up.
    assert match.score == 87
    assert match.reasons["phone"] == "missing"
    assert match.reasons["category"] == "similar"
    assert match.reasons["days"] == 3


def test_a_mistyped_dni_and_a_name_without_its_second_name_are_similar() -> None:
    typo = replace(ANA, dni="30123465", first_name="Ana", address="Calle 8 N° 99")
    match = compare(ANA, typo)
    # 35 × 0.7 + 20 × 0.75 + 15 + 0 + 10 + 10 = 74.5 → 75.
    assert match.reasons["document"] == "similar"
    assert match.reasons["name"] == "similar"
    assert match.reasons["address"] == "differ"
    assert match.score == 75


def test_other_person_other_group_a_month_apart_scores_only_what_is_missing() -> None:
    stranger = Facts(
        dni="27999888", first_name="Jorge", last_name="Luis", phone=None, address=None,
        category_id=FOOD_BAGS, group_id=FOOD, created_at=MONDAY + timedelta(days=45),
    )  # fmt: skip
    match = compare(ANA, stranger)
    # Phone and address missing: 7.5 + 5; nothing else.
    assert match.score == 13
    assert match.reasons["category"] == "differ"
    assert match.reasons["name"] == "differ"


def test_relatives_sharing_a_phone_are_not_proposed_but_a_typo_in_the_name_is() -> None:
    husband = replace(ANA, dni="28111222", first_name="Juan", last_name="Pérez", address=None)
    assert judge(ANA, husband, 30) is None
    typo = replace(ANA, dni="28111222", first_name="Ana María", last_name="Peres", address=None)
    match = judge(ANA, typo, 30)
    # 0 + 20 × 0.75 + 15 + 5 + 10 + 10 = 55: over the bar of 50.
    assert match is not None and match.score == 55


def test_the_window_bounds_the_time_points() -> None:
    assert compare(ANA, replace(ANA, created_at=MONDAY + timedelta(days=15))).score == 95
    assert compare(ANA, replace(ANA, created_at=MONDAY + timedelta(days=30))).score == 90
    assert compare(ANA, replace(ANA, created_at=MONDAY + timedelta(days=15)), 60).score == 98


def test_keys_ignore_how_the_phone_and_address_were_written() -> None:
    assert phone_key("+54 9 221 555-0101") == phone_key("(0221) 555 0101") == "2215550101"
    assert phone_key("555") is None
    assert address_key("Av. San Martín N° 1.234") == address_key("av san martin 1 234")
    assert address_key("  ") is None


def test_reasons_read_as_sentences_in_both_languages() -> None:
    reasons = {"document": "agree", "name": "similar", "phone": "missing",
               "address": "differ", "category": "similar", "days": 3}  # fmt: skip
    assert describe(reasons, "es") == [
        "Mismo DNI/CUIL",
        "Nombre parecido",
        "Una de las dos no tiene teléfono",
        "Domicilio distinto",
        "Otra categoría del mismo grupo",
        "Ingresaron con 3 días de diferencia",
    ]
    assert describe(reasons, "en")[0] == "Same DNI/CUIL"
    assert describe(reasons, "en")[-1] == "Received 3 days apart"
    assert describe({"days": 1}, "es") == ["Ingresaron con 1 día de diferencia"]
    assert describe({"days": 0}, "en") == ["Received on the same day"]
