"""The synthetic demo caseload: deterministic, valid, varied, and safely fictional."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from spmp_widgets.model import OrderType, SubjectFile
from spmp_widgets.services.demo import (DEMO_PASSWORD, DEMO_USERS, demo_author_for,
                                        make_caseload)

TODAY = dt.date(2025, 11, 20)


@pytest.fixture(scope="module")
def caseload() -> list[SubjectFile]:
    return make_caseload(subjects=24, seed=1, today=TODAY)


def _luhn_ok(number: str) -> bool:
    """Independent Luhn check (ISO/IEC 7812 Annex B), not the project's rule."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _all_names(files: list[SubjectFile]) -> list[str]:
    names = []
    for f in files:
        s = f.plan.subject
        names += [s.forenames, s.surname, f"{s.forenames} {s.surname}"]
        names += [a.name for a in s.aliases]
        names += [p.name for p in f.plan.protected_persons]
        names += [r.partner_name for r in f.plan.relationships]
    return names


def test_luhn_helper_matches_the_3gpp_vector() -> None:
    assert _luhn_ok("490154203237518")
    assert not _luhn_ok("490154203237516")


def test_same_seed_and_day_give_identical_json(caseload: list[SubjectFile]) -> None:
    again = make_caseload(subjects=24, seed=1, today=TODAY)
    assert [f.model_dump_json() for f in again] == [f.model_dump_json() for f in caseload]


def test_a_different_seed_differs(caseload: list[SubjectFile]) -> None:
    other = make_caseload(subjects=24, seed=2, today=TODAY)
    assert [f.model_dump_json() for f in other] != [f.model_dump_json() for f in caseload]


def test_every_document_revalidates_from_its_json(caseload: list[SubjectFile]) -> None:
    for f in caseload:
        back = SubjectFile.model_validate_json(f.model_dump_json())
        assert back.model_dump_json() == f.model_dump_json()


def test_subject_ids_and_explicit_item_ids(caseload: list[SubjectFile]) -> None:
    assert [f.plan.subject.id for f in caseload] == [f"SUB-{n:04d}" for n in range(1, 25)]
    text = "".join(f.model_dump_json() for f in caseload)
    # the models' default ids are PREFIX-<8 random hex>; none may leak into the demo data
    assert not re.search(r'"id":"[A-Z]+-[0-9a-f]{8}"', text)


def test_every_order_type_appears(caseload: list[SubjectFile]) -> None:
    seen = {o.order_type for f in caseload for o in f.plan.orders}
    assert seen == set(OrderType)
    with_spo = sum(any(o.order_type in (OrderType.SPO, OrderType.ISPO) for o in f.plan.orders)
                   for f in caseload)
    assert with_spo > len(caseload) / 2
    assert any(len(f.plan.orders) >= 2 for f in caseload)


def test_names_from_many_scripts(caseload: list[SubjectFile]) -> None:
    names = _all_names(caseload)
    assert any(re.search(r"[łśęŁŚĘ]", n) for n in names), "no Polish letters"
    assert any(re.search(r"[âŵŷŵ]|\bap |\bferch ", n) for n in names), "no Welsh name"
    assert any(re.search(r"[\u0600-\u06FF]", n) for n in names), "no Arabic script"
    assert any(re.search(r"[\u0400-\u04FF]", n) for n in names), "no Cyrillic"
    assert any(re.search(r"[\u0370-\u03FF]", n) for n in names), "no Greek"


def test_phone_numbers_only_from_ofcom_drama_ranges(caseload: list[SubjectFile]) -> None:
    drama = re.compile(r"^\+44(7700900\d{3}|20794600\d{2})$")
    numbers = [d.phone_number for f in caseload for d in f.plan.part2.devices if d.phone_number]
    assert numbers
    for n in numbers:
        assert drama.match(n), n
    # nothing phone-like elsewhere in the text either
    text = "".join(f.model_dump_json() for f in caseload)
    for n in re.findall(r"\+44\d{9,10}", text):
        assert drama.match(n), n


def test_imeis_pass_luhn(caseload: list[SubjectFile]) -> None:
    imeis = [v for f in caseload for d in f.plan.part2.devices for v in (d.imei, d.imei_2) if v]
    assert len(imeis) >= len(caseload)
    for imei in imeis:
        assert len(imei) == 15 and imei.isdigit(), imei
        assert imei[:2] in ("35", "86"), imei
        assert _luhn_ok(imei), imei


def test_next_review_due_mix(caseload: list[SubjectFile]) -> None:
    dues = [f.plan.next_review_due for f in caseload]
    assert any(d and d < TODAY for d in dues)
    assert any(d and TODAY <= d <= TODAY + dt.timedelta(days=14) for d in dues)
    assert any(d and d > TODAY + dt.timedelta(days=14) for d in dues)
    assert any(d is None for d in dues)
    assert sum(1 for d in dues if d and d > TODAY) > sum(1 for d in dues if d and d < TODAY)


def test_breaches_reference_existing_conditions(caseload: list[SubjectFile]) -> None:
    breaches = 0
    for f in caseload:
        conds = {o.id: {c.id for c in o.conditions} for o in f.plan.orders}
        for b in f.history.breaches:
            breaches += 1
            assert b.order_id in conds
            assert b.condition_id in conds[b.order_id]
            assert b.occurred_on <= TODAY
            assert b.crime_reference.startswith("SYN/")
    assert breaches > 0


def test_dates_are_relative_to_today(caseload: list[SubjectFile]) -> None:
    for f in caseload:
        for o in f.plan.orders:
            assert TODAY - dt.timedelta(days=3 * 366 + 400) <= o.date_made <= TODAY
            assert o.date_served is None or o.date_made <= o.date_served <= TODAY
        for v in f.history.visits:
            if v.visited_at is not None:
                assert v.visited_at.utcoffset() == dt.timedelta(0)
                assert v.visited_at.date() < TODAY and v.outcome is not None
            elif v.planned_on > TODAY:
                assert v.outcome is None
        for r in f.history.reviews:
            if r.completed_on:
                assert r.outcome is not None and r.completed_on <= TODAY
                assert r.next_review_due is None or r.next_review_due > r.completed_on
    assert any(v.planned_on > TODAY for f in caseload for v in f.history.visits)
    assert any(v.visited_at for f in caseload for v in f.history.visits)


def test_relationships_and_risk_levels(caseload: list[SubjectFile]) -> None:
    big = make_caseload(subjects=120, seed=5, today=TODAY)
    with_rel = sum(1 for f in big if f.plan.relationships)
    assert 0.15 * len(big) < with_rel < 0.55 * len(big)
    decisions = {r.decision.value for f in big for r in f.plan.relationships}
    assert "PENDING" in decisions and len(decisions) >= 3
    levels = [r.level.value for f in big for r in f.plan.part3.risks if r.protected_person_id]
    for level, share in (("VERY_HIGH", 0.10), ("HIGH", 0.25), ("MEDIUM", 0.35), ("LOW", 0.30)):
        assert abs(levels.count(level) / len(levels) - share) < 0.12, level


def test_default_today_is_london_today() -> None:
    from spmp_widgets.model.rules import today_london

    files = make_caseload(subjects=3, seed=9)
    assert files[0].model_dump_json() == make_caseload(subjects=3, seed=9, today=today_london())[0].model_dump_json()


def test_demo_users() -> None:
    roles = [r for _, _, r in DEMO_USERS]
    assert roles.count("coordinator") == 3 and roles.count("supervisor") == 2 and roles.count("officer") == 1
    assert len({u for u, _, _ in DEMO_USERS}) == len(DEMO_USERS)
    assert DEMO_PASSWORD == "spmp-demo"
    coordinators = {u for u, _, r in DEMO_USERS if r == "coordinator"}
    assert {demo_author_for(i) for i in range(10)} == coordinators


def test_fast_enough() -> None:
    start = time.perf_counter()
    make_caseload(subjects=24, seed=3, today=TODAY)
    assert time.perf_counter() - start < 1.0
    start = time.perf_counter()
    files = make_caseload(subjects=500, seed=3, today=TODAY)
    assert time.perf_counter() - start < 15.0
    assert len({f.plan.subject.id for f in files}) == 500
