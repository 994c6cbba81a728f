"""Which account a person signing in through the provider gets.

Later logins find the account by the provider's ``sub`` (SsoIdentity). The first one
finds it by the verified e-mail address, case-insensitively, and links it to that
``sub``; with no such account it creates one with no group and no measure: it reads
what an anonymous visitor reads until an administrator gives it a role. Only the
domains LDAPLAN_OIDC_DOMAIN_GROUPS names, and the claim values LDAPLAN_OIDC_CLAIM_GROUPS
names (ProConnect's ``siret`` of an organisation, a provider's ``groups``), give a new
account a group (a partners' organisation, say), never the administrators'.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from indicators.models import SsoIdentity
from indicators.roles import ADMINISTRATORS

logger = logging.getLogger(__name__)


class SsoRefused(Exception):
    """A sign-in the provider vouched for but ldaplan refuses; the message is for the person."""


def email_is_verified(claims: dict, *, proconnect: bool) -> bool:
    """Whether the provider vouches for the address.

    A generic provider must say so (``email_verified``). ProConnect does not send the
    claim: its identity providers only pass addresses they have checked, so there an
    address counts as verified unless the claim is present and false.
    """
    verified = claims.get("email_verified")
    if proconnect and verified is None:
        return True
    return verified is True or str(verified).lower() == "true"


def account_for(issuer: str, subject: str, claims: dict, *, proconnect: bool):
    identity = SsoIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject)
    if found := identity.first():
        return found.user
    email = (claims.get("email") or "").strip()
    if not email:
        raise SsoRefused(
            _(
                "Votre fournisseur d'identité n'a pas transmis votre adresse électronique : "
                "la connexion est impossible."
            )
        )
    if not email_is_verified(claims, proconnect=proconnect):
        raise SsoRefused(
            _(
                "Votre fournisseur d'identité n'a pas vérifié votre adresse électronique : "
                "la connexion est refusée. Faites-la vérifier auprès de lui, puis réessayez."
            )
        )
    with transaction.atomic():
        user = _account_by_email(email) or _new_account(email, claims)
        if SsoIdentity.objects.filter(issuer=issuer, user=user).exists():
            # The same provider already vouched for another person on this account.
            raise SsoRefused(
                _(
                    "Ce compte est déjà relié à une autre identité chez votre fournisseur : "
                    "un administrateur doit vérifier ce compte."
                )
            )
        SsoIdentity.objects.create(issuer=issuer, subject=subject, user=user)
    return user


def _account_by_email(email: str):
    matches = list(get_user_model().objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise SsoRefused(
            _(
                "Plusieurs comptes portent votre adresse électronique : un administrateur "
                "doit d'abord les distinguer."
            )
        )
    return matches[0] if matches else None


def _new_account(email: str, claims: dict):
    """An account with no group and no measure, signing in only through the provider."""
    users = get_user_model().objects
    base = email.lower()[:140]
    username, number = base, 1
    while users.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    user = users.create_user(
        username=username,
        email=email,
        password=None,  # unusable: no local password to guess
        first_name=(claims.get("given_name") or "")[:150],
        # ProConnect calls the family name `usual_name`.
        last_name=(claims.get("family_name") or claims.get("usual_name") or "")[:150],
    )
    _give_groups_of_the_settings(user, claims)
    return user


def groups_named_for(email: str, claims: dict) -> set[str]:
    """The groups the settings give a new account with this address and these claims.

    A claim's value may be one value or a list of them (a provider's ``groups``); it is
    compared as written, as an identifier.
    """
    domain = email.rsplit("@", 1)[-1].lower()
    names = set()
    if name := getattr(settings, "LDAPLAN_OIDC_DOMAIN_GROUPS", {}).get(domain):
        names.add(name)
    for claim, value, name in getattr(settings, "LDAPLAN_OIDC_CLAIM_GROUPS", ()):
        given = claims.get(claim)
        values = given if isinstance(given, list | tuple) else [given]
        if value in {str(item).strip() for item in values if item is not None}:
            names.add(name)
    return names


def _give_groups_of_the_settings(user, claims: dict):
    names = groups_named_for(user.email, claims)
    groups = list(Group.objects.filter(name__in=names).exclude(name=ADMINISTRATORS))
    for refused in sorted(names - {group.name for group in groups}):
        # A typo, or the administrators' group: nothing granted, the administrator decides.
        logger.warning("LDAPLAN_OIDC_*_GROUPS: no group %r may be given to %s", refused, user)
    user.groups.add(*groups)
