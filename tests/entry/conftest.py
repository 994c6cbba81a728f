"""Accounts and the indicator the entry tests work on."""

import pytest

from indicators import roles
from indicators.models import Indicator
from measures.models import Commitment, ReportingYear, ReportRow
from tests.accounts import make_user


@pytest.fixture
def editor(seed_plan):
    return make_user("agent", roles.EDITORS, measures=[1, 2])


@pytest.fixture
def other_editor(seed_plan):
    return make_user("autre-agent", roles.EDITORS, measures=[5])


@pytest.fixture
def reviewer(seed_plan):
    return make_user("valideur", roles.REVIEWERS)


@pytest.fixture
def partner(seed_plan):
    return make_user("partenaire", roles.PARTNERS)


@pytest.fixture
def louez_solidaire(seed_plan):
    return Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")


@pytest.fixture
def state_funding(seed_plan):
    """An amount in euros (365 000 € in 2022): it may have cents, unlike a count of logements."""
    return Indicator.objects.get(label__startswith="Financement de l'État (AMI LDA)")


@pytest.fixture
def commitment(seed_plan):
    """A commitment of measure 1's plan d'action, to mark in 2022."""
    return Commitment.objects.create(
        reporting_year=ReportingYear.objects.get(year=2022),
        report_row=ReportRow.objects.get(measure__number=1),
        position=1,
        text="Capter 500 logements (fictif)",
    )
