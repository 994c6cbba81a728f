"""Accounts' identities at a single sign-on provider (indicators/sso)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SsoIdentity(models.Model):
    """Who a provider says signed in (its issuer and ``sub``), and the account that person uses.

    ProConnect gives each application its own ``sub`` for an agent: the first login
    finds the account by verified e-mail address, later ones by this link.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sso_identities",
        verbose_name=_("compte"),
    )
    issuer = models.CharField(_("fournisseur d'identité"), max_length=255)
    subject = models.CharField(_("identifiant chez le fournisseur"), max_length=255)
    created_at = models.DateTimeField(_("relié le"), auto_now_add=True)

    class Meta:
        verbose_name = _("identité de connexion unique")
        verbose_name_plural = _("identités de connexion unique")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="sso_identity_unique_subject"
            )
        ]

    def __str__(self):
        return f"{self.issuer} — {self.subject}"
