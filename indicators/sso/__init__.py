"""Signing in through an OpenID Connect provider (ProConnect or the City's own).

mozilla-django-oidc runs the protocol; this package adds what ldaplan needs on top:
the provider's endpoints from its discovery document, the ID token's issuer and
audience checked, ProConnect's signed user-info answer, and the matching of the
person who signed in to an account (indicators/sso/accounts.py).
"""
