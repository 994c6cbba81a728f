"""Who wants which e-mail, and what was sent (so that nothing is sent twice)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("chaque jour")
    OFF = "off", _("jamais")


class Topic(models.TextChoices):
    """The e-mails a person can turn off, each with its own unsubscribe link."""

    RETURNED = "returned", _("saisies renvoyées pour reprise")
    DIGEST = "digest", _("résumé quotidien des saisies soumises")
    REMINDERS = "reminders", _("rappels de la campagne de saisie")
    BILAN_PUBLISHED = "bilan_published", _("publication du bilan")


class NotificationPreferences(models.Model):
    """A person's choices; without a row, the defaults of their role apply
    (``preferences.defaults_for``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("compte"),
    )
    returned_entries = models.BooleanField(
        _("mes saisies renvoyées pour reprise"),
        help_text=_("Un courriel par renvoi, avec le motif et le lien vers le formulaire."),
    )
    digest = models.CharField(
        _("résumé des saisies soumises à valider"),
        max_length=8,
        choices=DigestFrequency.choices,
        # A default keeps the empty choice out of the form (the role's default is set anyway).
        default=DigestFrequency.OFF,
        help_text=_("Un seul courriel par jour, qui liste toutes les saisies soumises la veille."),
    )
    reminders = models.BooleanField(
        _("rappels avant et après la clôture de la collecte"),
        help_text=_("Seulement quand il reste quelque chose à remplir."),
    )
    bilan_published = models.BooleanField(
        _("publication du bilan annuel"),
        help_text=_("Un courriel à chaque nouvelle édition publiée du bilan."),
    )

    class Meta:
        verbose_name = _("préférences de courriel")
        verbose_name_plural = _("préférences de courriel")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest__in=DigestFrequency.values),
                name="notification_digest_frequency_known",
            )
        ]

    def __str__(self):
        return str(self.user)

    def wants(self, topic: str) -> bool:
        if topic == Topic.DIGEST:
            return self.digest == DigestFrequency.DAILY
        return bool(getattr(self, TOPIC_FIELDS[topic]))

    def turn_off(self, topic: str) -> None:
        if topic == Topic.DIGEST:
            self.digest = DigestFrequency.OFF
        else:
            setattr(self, TOPIC_FIELDS[topic], False)


TOPIC_FIELDS = {
    Topic.RETURNED: "returned_entries",
    Topic.DIGEST: "digest",
    Topic.REMINDERS: "reminders",
    Topic.BILAN_PUBLISHED: "bilan_published",
}


class SentNotification(models.Model):
    """One e-mail sent to one person: the unique key makes every sending idempotent.

    ``key`` says which one: « 2026-03-24 » for a day's digest, « 2023:avant » for a
    year's first reminder, « resultat:12:4 » for an entry's return (its revision),
    « edition:3 » for a bilan edition.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("compte"),
    )
    kind = models.CharField(_("sorte"), max_length=20, choices=Topic.choices)
    key = models.CharField(_("clé"), max_length=80)
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("courriel envoyé")
        verbose_name_plural = _("courriels envoyés")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"], name="notification_sent_once_per_key"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.kind} · {self.key}"


class SubmittedEntry(models.Model):
    """An entry submitted for review, waiting to be listed in the reviewers' digest of its
    day. Recorded when it is submitted (the workflow's signal), so that the digest
    reads one table whatever the kinds of entry."""

    # An entry kind's slug (indicators.entry.kinds): « arrondissements » is the longest.
    kind = models.CharField(_("sorte"), max_length=20)
    entry_pk = models.PositiveBigIntegerField(_("saisie"))
    measure_number = models.PositiveSmallIntegerField(_("mesure"), null=True, blank=True)
    row_title = models.CharField(_("ligne"), max_length=300)
    subject = models.CharField(_("objet"), max_length=300)
    year = models.PositiveSmallIntegerField(_("année"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    submitted_at = models.DateTimeField(_("soumis le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("saisie soumise")
        verbose_name_plural = _("saisies soumises")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.kind} {self.entry_pk} ({self.submitted_at:%Y-%m-%d})"
