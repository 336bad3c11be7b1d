"""In a real browser: the sortable agency table."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _budget_column(page) -> list[str]:
    return page.locator("table[data-orbit-sortable] tbody tr td:nth-child(7)").evaluate_all(
        "cells => cells.map(cell => cell.dataset.sort)"
    )


def test_agency_table_sorts_by_budget_with_unknown_figures_last(page, server):
    page.goto(server + "agencies/")
    header = page.locator("table[data-orbit-sortable] thead th").nth(6)
    header.locator("button.orbit-sort").click()
    ascending = _budget_column(page)
    known = [float(value) for value in ascending if value]
    assert known == sorted(known) and len(known) >= 3
    assert ascending[len(known) :] == [""] * (len(ascending) - len(known))
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button.orbit-sort").click()
    descending = _budget_column(page)
    assert [float(value) for value in descending if value] == sorted(known, reverse=True)
    assert descending[-1] == ""


def test_agency_table_sorts_by_founding_date(page, server):
    page.goto(server + "agencies/")
    page.locator("table[data-orbit-sortable] thead th").nth(2).locator("button").click()
    founded = page.locator("table[data-orbit-sortable] tbody tr td:nth-child(3)").evaluate_all(
        "cells => cells.map(cell => cell.dataset.sort)"
    )
    assert founded == sorted(founded) and founded[0].startswith("1958")
