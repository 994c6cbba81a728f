"""The glossary of the plan's acronyms, edited by administrators.

Each ``GlossaryTerm`` has its expansion, a definition and the source of both;
an expansion or a definition nobody could source stays empty (the glossary
page says it is to be completed), never made up. The terms of the 2022 report
are seeded by the migration ``measures/0005``. Imported by ``measures.models``,
where the rest of the app finds them.

Every HTML page wraps the acronyms of its text in ``<abbr>`` (see
``measures.abbreviations`` and ``ldaplan.middleware.GlossaryMiddleware``). The
terms are read from the database once, then kept in the process
(``current_abbreviations``) while the *glossary version*, a token in the
shared cache that any change to a term replaces, stays the same; at most
``MAX_AGE`` seconds, so that, with a cache local to each process (no Redis), the
other processes see an edit within that time too.
"""

import threading
import time
import uuid

from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.abbreviations import Abbreviations

GLOSSARY_VERSION_KEY = "ldaplan:glossary-version"
MAX_AGE = 60  # seconds a process keeps the terms without reading them again


class GlossaryTermQuerySet(models.QuerySet):
    def alphabetical(self):
        return self.order_by(models.functions.Lower("acronym"), "acronym")


class GlossaryTerm(models.Model):
    acronym = models.CharField(
        _("sigle"),
        max_length=30,
        unique=True,
        validators=[
            RegexValidator(
                r"^[^\W_](?:(?:[^\W_]|[ -])*[^\W_])?$",
                _(
                    "Un sigle s'écrit en lettres et chiffres, "
                    "avec au plus des espaces ou des tirets."
                ),
            )
        ],
        help_text=_("Tel qu'il est écrit dans les textes du plan : « ASE », « AMI LDA »."),
    )
    expansion = models.CharField(
        _("forme développée"),
        max_length=300,
        blank=True,
        help_text=_(
            "Ce que le sigle veut dire. Vide tant qu'aucune source ne le dit : "
            "le sigle n'est alors pas expliqué dans les pages."
        ),
    )
    definition = models.TextField(
        _("définition"),
        blank=True,
        help_text=_("Une ou deux phrases, tirées de la source ; vide plutôt qu'inventée."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("D'où viennent la forme développée et la définition (document, page, site)."),
    )

    objects = GlossaryTermQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("terme du glossaire")
        verbose_name_plural = _("termes du glossaire")
        ordering = ["acronym"]

    def __str__(self):
        return self.acronym

    @property
    def anchor(self) -> str:
        """The term's anchor on the glossary page: « ASE », « AMI-LDA »."""
        return "-".join(self.acronym.split())


class _Loaded(threading.local):
    """The terms this process (thread) read, with the version and time it read them."""

    abbreviations: Abbreviations | None = None
    version: object = None
    read_at: float = 0.0


_loaded = _Loaded()
# How many times a term was saved or deleted in this process (the tests read it).
changes = 0


def glossary_version():
    """The token of the terms' last change, or None when the cache has none (yet, or since
    it was emptied: the terms are not known to have changed)."""
    return cache.get(GLOSSARY_VERSION_KEY)


def load_abbreviations() -> Abbreviations:
    """The terms as the database has them now (one query)."""
    return Abbreviations(GlossaryTerm.objects.values_list("acronym", "expansion"))


def current_abbreviations() -> Abbreviations:
    """The terms, read from the database only when they changed or aged (see module doc)."""
    version = glossary_version()
    if (
        _loaded.abbreviations is None
        or (version is not None and _loaded.version != version)
        or time.monotonic() - _loaded.read_at > MAX_AGE
    ):
        _loaded.abbreviations = load_abbreviations()
        _loaded.version = version
        _loaded.read_at = time.monotonic()
    return _loaded.abbreviations


def forget_abbreviations() -> None:
    """This process reads the terms again on their next use."""
    _loaded.abbreviations = None


def glossary_changed(sender, **kwargs) -> None:
    """Signal receiver: a term was saved or deleted.

    This process reads the terms again at once (its own transaction sees the
    change); the others when the transaction commits and the version changes.
    """
    global changes
    changes += 1
    forget_abbreviations()
    transaction.on_commit(lambda: cache.set(GLOSSARY_VERSION_KEY, uuid.uuid4().hex, timeout=None))
