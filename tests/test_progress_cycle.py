"""The yearly cycle in progress arithmetic: a year being collected (opened, its bilan
not published) or not opened yet has results to come, not missing ones. The seed's
2022 bilan is published (July 2023) and 2023 is opened."""

from decimal import Decimal as D

import pytest

from indicators.progress import (
    ANNUAL_FLOW,
    BEHIND,
    COLLECTING,
    CUMULATIVE,
    IN_COLLECTION,
    MET,
    NO_DATA,
    NO_TARGET,
    NOT_DUE,
    ON_TRACK,
    SETTLED,
    UPCOMING,
    Progress,
    plan_progress,
    year_phase,
    year_progress,
)

PLAN = {"start_year": 2021, "end_year": 2026}


@pytest.mark.parametrize(
    ("year", "latest_published", "latest_open", "phase"),
    [
        (2022, 2022, 2023, SETTLED),
        (2021, 2022, 2023, SETTLED),  # never opened, but older than a published bilan
        (2023, 2022, 2023, COLLECTING),
        (2024, 2022, 2023, UPCOMING),
        (2023, 2023, 2023, SETTLED),  # once the 2023 bilan is published
        (2021, None, 2021, COLLECTING),  # the first year, nothing published yet
        (2022, None, None, SETTLED),  # a plan with no reporting year keeps no calendar
    ],
)
def test_year_phase(year, latest_published, latest_open, phase):
    assert (
        year_phase(year, latest_published_year=latest_published, latest_open_year=latest_open)
        == phase
    )


@pytest.mark.parametrize(
    ("actual", "target", "phase", "expected"),
    [
        # A year being collected with no result is not « sans donnée » nor « en retard ».
        (None, D(75), COLLECTING, Progress(IN_COLLECTION, target=D(75))),
        (None, None, COLLECTING, Progress(IN_COLLECTION)),
        (None, D(2000), UPCOMING, Progress(NOT_DUE, target=D(2000))),
        # Once published, the missing result is missing again.
        (None, D(75), SETTLED, Progress(NO_DATA, target=D(75))),
        # A result published while the year is collected counts at once (made-up 80).
        (
            D(80),
            D(75),
            COLLECTING,
            Progress(MET, ratio=D("1.0667"), value=D(80), target=D(75)),
        ),
        (D(60), D(75), COLLECTING, Progress(BEHIND, ratio=D("0.8000"), value=D(60), target=D(75))),
    ],
)
def test_year_progress_of_a_year_still_to_come(actual, target, phase, expected):
    assert year_progress(actual, target, year=2023, reporting_year=2023, phase=phase) == expected


@pytest.mark.parametrize(
    ("results", "phase", "expected"),
    [
        # Un chez-soi d'abord, 16 of 40 at the end of 2022, 2023 being collected: judged
        # against the 2022 trajectory (33 %, less the tolerance), not the 2023 one (50 %).
        (
            {2022: D(16)},
            COLLECTING,
            Progress(ON_TRACK, ratio=D("0.4000"), value=D(16), target=D(40), as_of_year=2022),
        ),
        # The same once the 2023 bilan is published without a 2023 value: behind.
        ({2022: D(16)}, SETTLED, Progress(BEHIND, D("0.4000"), D(16), D(40))),
        # An older result is judged at the end of its own year (2021: 17 %, less 15 %).
        (
            {2021: D(6)},
            UPCOMING,
            Progress(ON_TRACK, ratio=D("0.1500"), value=D(6), target=D(40), as_of_year=2021),
        ),
        (
            {2021: D(5)},
            COLLECTING,
            Progress(BEHIND, ratio=D("0.1250"), value=D(5), target=D(40), as_of_year=2021),
        ),
        # A made-up 2023 value published during the collection is judged on 2023
        # (50 %, less 15 %: 42.5 %): 16 again is behind, 17 on track.
        ({2022: D(16), 2023: D(16)}, COLLECTING, Progress(BEHIND, D("0.4000"), D(16), D(40))),
        ({2022: D(16), 2023: D(17)}, COLLECTING, Progress(ON_TRACK, D("0.4250"), D(17), D(40))),
        # No result at all yet: nothing to judge.
        ({}, COLLECTING, Progress(IN_COLLECTION, target=D(40))),
        ({}, UPCOMING, Progress(NOT_DUE, target=D(40))),
    ],
)
def test_a_stock_is_judged_on_what_is_due(results, phase, expected):
    assert (
        plan_progress(CUMULATIVE, results, D(40), reporting_year=2023, phase=phase, **PLAN)
        == expected
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # Flows add up what is in: 600 + 700 of 4 000 by the end of 2022.
        (
            D(4000),
            Progress(ON_TRACK, ratio=D("0.3250"), value=D(1300), target=D(4000), as_of_year=2022),
        ),
        # No target: the value, dated.
        (None, Progress(NO_TARGET, value=D(1300), as_of_year=2022)),
    ],
)
def test_a_flow_adds_up_what_is_in(target, expected):
    results = {2021: D(600), 2022: D(700)}
    assert (
        plan_progress(ANNUAL_FLOW, results, target, reporting_year=2023, phase=COLLECTING, **PLAN)
        == expected
    )


def test_unknown_phase_is_refused():
    with pytest.raises(ValueError, match="unknown phase"):
        year_progress(None, D(1), year=2023, reporting_year=2023, phase="published")
