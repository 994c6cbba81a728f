"""Imports of filled collection workbooks: each file as sent, who sent it, what it did.

The file is kept as sent (at most ``MAX_UPLOAD_BYTES``, checked before anything is kept)
so that an administrator can read what was imported, and so that the confirmation reads
the very file previewed, not a second upload.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportState(models.TextChoices):
    PREVIEWED = "previewed", _("aperçu, non importé")
    IMPORTED = "imported", _("importé")


class WorkbookImport(models.Model):
    plan = models.ForeignKey(
        "measures.Plan", on_delete=models.CASCADE, related_name="+", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("année de bilan"))
    # The measure of the entry page it was sent from; empty for a whole-plan import.
    measure_number = models.PositiveSmallIntegerField(_("mesure"), null=True, blank=True)
    row = models.ForeignKey(
        "measures.ReportRow",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ligne sans mesure"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("envoyé par"),
    )
    uploaded_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    file_name = models.CharField(_("nom du fichier"), max_length=200)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    content = models.BinaryField(_("fichier"))
    state = models.CharField(
        _("état"), max_length=10, choices=ImportState.choices, default=ImportState.PREVIEWED
    )
    imported_at = models.DateTimeField(_("importé le"), null=True, blank=True)
    changed = models.PositiveIntegerField(_("valeurs changées"), default=0)
    unchanged = models.PositiveIntegerField(_("lignes inchangées"), default=0)
    problems = models.PositiveIntegerField(_("lignes refusées"), default=0)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("import de classeur")
        verbose_name_plural = _("imports de classeurs")

    def __str__(self):
        return f"{self.file_name} ({self.year})"
