"""Frozen editions of a year's bilan and of the plan's final bilan, and their files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionError(Exception):
    """An edition that cannot be published or changed; the message is for the user."""


class FrozenEdition(models.Model):
    """A published, frozen edition: its page's content, its figures and (in a concrete
    subclass) its files.

    Editions are never changed: a correction is a new edition with the next number,
    and every earlier one stays downloadable.
    """

    number = models.PositiveSmallIntegerField(_("numéro d'édition"))
    published_at = models.DateTimeField(_("publiée le"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publiée par"),
    )
    note = models.CharField(_("note d'édition"), max_length=300, blank=True)
    snapshot = models.JSONField(_("contenu figé"))
    table_html = models.TextField(_("tableau figé (HTML)"))

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise EditionError(
                _("Une édition publiée ne se modifie pas : publiez-en une nouvelle.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EditionError(_("Une édition publiée ne se supprime pas."))


class FrozenFile(models.Model):
    """One generated file of an edition (CSV, XLSX, ODS, JSON, DOCX, PDF), as published."""

    format = models.CharField(_("format"), max_length=8)
    filename = models.CharField(_("nom du fichier"), max_length=120)
    content_type = models.CharField(_("type"), max_length=120)
    content = models.BinaryField(_("contenu"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.filename

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise EditionError(_("Un fichier publié ne se modifie pas."))
        super().save(*args, **kwargs)


class BilanEdition(FrozenEdition):
    """A published, frozen edition of a year's bilan: its table, figures and files."""

    reporting_year = models.ForeignKey(
        "measures.ReportingYear", on_delete=models.PROTECT, related_name="editions"
    )

    class Meta:
        verbose_name = _("édition publiée du bilan")
        verbose_name_plural = _("éditions publiées du bilan")
        ordering = ["reporting_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_year", "number"],
                name="bilan_edition_unique_number",
                violation_error_message=_("Cette édition existe déjà."),
            ),
        ]

    def __str__(self):
        return f"{self.reporting_year} — édition {self.number}"


class BilanEditionFile(FrozenFile):
    edition = models.ForeignKey(BilanEdition, on_delete=models.PROTECT, related_name="files")

    class Meta:
        verbose_name = _("fichier d'une édition")
        verbose_name_plural = _("fichiers des éditions")
        ordering = ["edition", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "format"],
                name="bilan_edition_file_unique_format",
                violation_error_message=_("Cette édition a déjà ce format."),
            ),
        ]


class FinalBilanEdition(FrozenEdition):
    """A published, frozen edition of the plan's final bilan (« Bilan final 2021-2026 »)."""

    plan = models.ForeignKey(
        "measures.Plan", on_delete=models.PROTECT, related_name="final_editions"
    )

    class Meta:
        verbose_name = _("édition publiée du bilan final")
        verbose_name_plural = _("éditions publiées du bilan final")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="final_bilan_edition_unique_number",
                violation_error_message=_("Cette édition existe déjà."),
            ),
        ]

    def __str__(self):
        return f"{self.plan} — bilan final, édition {self.number}"


class FinalBilanEditionFile(FrozenFile):
    edition = models.ForeignKey(FinalBilanEdition, on_delete=models.PROTECT, related_name="files")

    class Meta:
        verbose_name = _("fichier d'une édition du bilan final")
        verbose_name_plural = _("fichiers des éditions du bilan final")
        ordering = ["edition", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "format"],
                name="final_bilan_edition_file_unique_format",
                violation_error_message=_("Cette édition a déjà ce format."),
            ),
        ]
