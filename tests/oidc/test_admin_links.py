"""Administrators read and delete the links between accounts and provider identities."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators.models import SsoIdentity


def test_an_administrator_reads_a_link_and_may_delete_it_but_not_forge_one(client, db):
    client.force_login(get_user_model().objects.create_superuser("chef", password="long-mdp-1"))
    agent = get_user_model().objects.create_user("agent", email="agent@paris.example")
    link = SsoIdentity.objects.create(
        user=agent, issuer="https://idp.example.org", subject="sujet-fictif"
    )

    changelist = client.get(reverse("admin:indicators_ssoidentity_changelist"), {"q": "agent@"})
    assert "sujet-fictif" in changelist.content.decode()
    assert (
        client.get(reverse("admin:indicators_ssoidentity_change", args=[link.pk])).status_code
        == 200
    )
    assert client.get(reverse("admin:indicators_ssoidentity_add")).status_code == 403
    client.post(reverse("admin:indicators_ssoidentity_delete", args=[link.pk]), {"post": "yes"})
    assert not SsoIdentity.objects.exists()
