"""The date rules of every dated thing (guidemap.contract.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from guidemap.contract import dates

TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize(("day", "hint"), [
    (dt.date(2569, 1, 10), "543 added twice? write 2569 (BE) or 2026 (CE)"),  # written 3112
    (dt.date(1483, 2, 14), "a CE year with 543 taken away? write 2026 (CE) or 2569 (BE)"),
    (dt.date(2200, 1, 1), "check the year"),
    (dt.date(1900, 1, 1), "check the year"),
])
def test_far_dates_are_refused_with_the_year_meant(day: dt.date, hint: str) -> None:
    found = dates.implausible(day, TODAY)
    assert found is not None and found[1].startswith(hint), found
    assert "too far from today" in found[0].en and "ไกลจากวันนี้" in found[0].th


@pytest.mark.parametrize("day", [dt.date(1976, 1, 1), dt.date(2026, 6, 1), dt.date(2036, 12, 31)])
def test_dates_near_the_build_are_plausible(day: dt.date) -> None:
    assert dates.implausible(day, TODAY) is None


def test_the_build_date_is_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 UTC
    assert dates.build_date() == dt.date(2026, 1, 1)


def test_order() -> None:
    day = dt.date(2026, 1, 10)
    assert dates.order_problem((day, dt.time(9)), (day, None), "a", "b") is None  # the whole day
    assert dates.order_problem((day, None), (day - dt.timedelta(days=1), None), "a", "b") is not None
    assert dates.order_problem((day, dt.time(10)), (day, dt.time(9)), "a", "b") is not None


def test_whens_on_one_day_sort_with_and_without_a_time() -> None:
    """Two entries on one day, one with a time: sorting them raised TypeError (found by the
    property tests of calls and events, tests/properties/test_properties_dated.py)."""
    from guidemap.contract.model.types import When

    day = dt.date(2026, 6, 12)
    found = sorted([When(day, dt.time(9)), When(day), When(day - dt.timedelta(days=1), dt.time(23))])
    assert found == [When(day - dt.timedelta(days=1), dt.time(23)), When(day), When(day, dt.time(9))]
