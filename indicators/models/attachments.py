"""Pièces justificatives: the files staff attach to an entry, with a title and a visibility.

An attachment belongs to one entry row (a result, a target, a milestone's status, a row's
bilan texts, a commitment's mark, a funding amount, figures by arrondissement) and is
reviewed with it: files are added or removed only while the entry is editable (draft or
returned), so that what a reviewer validates and publishes is the value *and* its files.
A correction is a new entry, which starts without files.

Who may download one (``may_download``): the staff who may enter its row, the reviewers
and the administrators, whatever its entry's state; anyone else only a file whose
visibility is theirs (« public » for everyone, « partenaires » for the partners' role) and
whose entry they may read (published; validated too for a role allowed to read validated
figures, ``access.visible_statuses``). Everything else is not found.

The file is kept in the default storage (``ldaplan/storage_settings.py``) under a random
name, ``pieces/<uuid>.<ext>``, that no page shows; the name the sender gave is kept apart,
cleaned. Its page address names a second random key, never the storage's name.
"""

import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators import access

STORAGE_FOLDER = "pieces"
TITLE_MAX_LENGTH = 200
NAME_MAX_LENGTH = 150
PARTNER_PERMISSION = "indicators.view_partner_attachments"


class Visibility(models.TextChoices):
    INTERNAL = "interne", _("interne")
    PARTNERS = "partenaires", _("partenaires")
    PUBLIC = "public", _("public")


# The entries a file may be attached to (the models of ``indicators.entry.kinds``), by
# (app label, model name): the path from the entry to its report row, and to its year.
ATTACHABLE = {
    ("indicators", "yearresult"): ("indicator__report_row", "year"),
    ("indicators", "yeartarget"): ("indicator__report_row", "year"),
    ("indicators", "milestoneyearstatus"): ("milestone__report_row", "year"),
    ("indicators", "arrondissementfigures"): ("indicator__report_row", "year"),
    ("measures", "bilanentry"): ("report_row", "reporting_year__year"),
    ("measures", "commitmentmark"): (
        "commitment__report_row",
        "commitment__reporting_year__year",
    ),
    ("measures", "fundingamount"): ("source__report_row", "year"),
}


def attachable_models() -> list:
    return [apps.get_model(app_label, name) for app_label, name in ATTACHABLE]


def storage_name(instance, filename: str) -> str:
    """A random name in the storage: the sender's name never reaches it, only the extension
    of the type found in the file (``filename`` is « piece.<ext> »)."""
    extension = filename.rpartition(".")[2].lower()
    return f"{STORAGE_FOLDER}/{uuid.uuid4().hex}.{extension}"


def _kinds_limit() -> Q:
    limit = Q(pk__in=[])
    for app_label, name in ATTACHABLE:
        limit |= Q(app_label=app_label, model=name)
    return limit


def entries_where(*, statuses=None, year=None, **row_lookups) -> Q:
    """Attachments whose entry's report row matches ``row_lookups`` (``measure=…``,
    ``in=[…]``, ``exact=OuterRef(…)``), in ``statuses`` and of ``year`` if given.

    One condition per kind of entry, each a subquery: the whole is one query, and the
    content types are joined by name (no lookup of their ids first).
    """
    condition = Q(pk__in=[])
    for (app_label, name), (row_path, year_path) in ATTACHABLE.items():
        entries = apps.get_model(app_label, name)._default_manager.filter(
            **{f"{row_path}__{lookup}": value for lookup, value in row_lookups.items()}
        )
        if statuses is not None:
            entries = entries.filter(status__in=statuses)
        if year is not None:
            entries = entries.filter(**{year_path: year})
        condition |= Q(
            content_type__app_label=app_label,
            content_type__model=name,
            object_id__in=entries.values("pk"),
        )
    return condition


class AttachmentQuerySet(models.QuerySet):
    def of_entries(self, entries):
        """The attachments of these entry rows (instances of the attachable models)."""
        by_model = {}
        for entry in entries:
            meta = entry._meta
            by_model.setdefault((meta.app_label, meta.model_name), set()).add(entry.pk)
        condition = Q(pk__in=[])
        for (app_label, name), pks in by_model.items():
            condition |= Q(
                content_type__app_label=app_label, content_type__model=name, object_id__in=pks
            )
        return self.filter(condition)

    def of_measure(self, measure, *, statuses=None):
        return self.filter(entries_where(measure=measure, statuses=statuses))

    def readable_by(self, user, **row_lookups):
        """What ``user`` may download without entering or reviewing: their visibilities,
        of the entries they may read (whose row matches ``row_lookups``)."""
        return self.filter(
            entries_where(statuses=access.visible_statuses(user), **row_lookups),
            visibility__in=audience(user),
        )


class Attachment(models.Model):
    # The address's key (/pieces/<key>/): random, and not the storage's name.
    key = models.UUIDField(_("clé"), default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=_kinds_limit,
        verbose_name=_("type de saisie"),
    )
    object_id = models.PositiveBigIntegerField(_("saisie"))
    entry = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    visibility = models.CharField(
        _("visibilité"), max_length=12, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    file = models.FileField(_("fichier"), upload_to=storage_name, max_length=100)
    original_name = models.CharField(_("nom du fichier envoyé"), max_length=NAME_MAX_LENGTH)
    media_type = models.CharField(_("type de contenu"), max_length=100)
    size = models.PositiveBigIntegerField(_("taille en octets"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("envoyé par"),
    )
    uploaded_at = models.DateTimeField(_("envoyé le"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("pièce justificative")
        verbose_name_plural = _("pièces justificatives")
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_entry")]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values),
                name="attachment_visibility_known",
                violation_error_message=_("Visibilité inconnue."),
            ),
        ]
        permissions = [
            (
                "view_partner_attachments",
                _("Peut télécharger les pièces justificatives réservées aux partenaires"),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return self.file.name.rpartition(".")[2].upper()


def audience(user) -> tuple[str, ...]:
    """The visibilities a reader who neither enters nor reviews may download."""
    if user.is_authenticated and user.is_active and user.has_perm(PARTNER_PERMISSION):
        return (Visibility.PARTNERS, Visibility.PUBLIC)
    return (Visibility.PUBLIC,)


def entry_of(attachment):
    """The attachment's entry, with its report row (and the row's measure) in one query;
    None when it no longer exists."""
    key = (attachment.content_type.app_label, attachment.content_type.model)
    row_path = ATTACHABLE[key][0]
    model = attachment.content_type.model_class()
    return (
        model._default_manager.select_related(f"{row_path}__measure")
        .filter(pk=attachment.object_id)
        .first()
    )


def row_of(entry):
    """The report row of an attachable entry, along its path (fetched with ``entry_of``)."""
    row_path = ATTACHABLE[(entry._meta.app_label, entry._meta.model_name)][0]
    row = entry
    for step in row_path.split("__"):
        row = getattr(row, step)
    return row


def may_download(user, attachment, entry) -> bool:
    """Whether ``user`` may download ``attachment`` of ``entry`` (see the module's rules)."""
    if access.can_review(user) or access.can_enter_row(user, row_of(entry)):
        return True
    return attachment.visibility in audience(user) and entry.status in access.visible_statuses(user)
