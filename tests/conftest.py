import pytest
from django.core.management import call_command


@pytest.fixture
def seed_plan(db):
    """The 2022 report loaded from fixtures/plan.json."""
    call_command("loaddata", "plan", verbosity=0)
