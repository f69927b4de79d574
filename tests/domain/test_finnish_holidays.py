"""Finland's holidays from the table equal the `holidays` package's, year by year, so
that a due date is the same whether the table or the package answers."""

from __future__ import annotations

import holidays

from ladder.finnish_holidays import FIRST_YEAR, LAST_YEAR, holidays_of


def test_the_table_is_the_holidays_package_for_every_year_it_holds():
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        assert holidays_of(year) == frozenset(holidays.country_holidays("FI", years=year)), year


def test_other_years_are_the_packages_to_say():
    assert holidays_of(FIRST_YEAR - 1) is None
    assert holidays_of(LAST_YEAR + 1) is None
