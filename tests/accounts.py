"""Staff accounts and entry-form helpers shared by the tests that log in and post."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from measures.models import Measure

PASSWORD = "un-mot-de-passe-assez-long"


def make_user(username, group=None, measures=()):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for number in measures:
        Measure.objects.get(number=number).editors.add(user)
    return user


def login(client, user):
    client.force_login(user)
    return client


def indicator_url(indicator, year, page_year=None):
    url = reverse("entry:indicator_year", args=[indicator.pk, year])
    return f"{url}?annee={page_year or year}"


def indicator_post(indicator, year, **fields):
    prefix = f"ind-{indicator.pk}-{year}-"
    data = {"target_comparator": "exactly"} | fields
    return {prefix + name: value for name, value in data.items()}
