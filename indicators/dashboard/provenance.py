"""Where a figure comes from, as the dashboard's data tables write it.

« Ville de Paris — Bilan 2022 & perspectives 2023 (juillet 2023), Tableau des
mesures, mesure 3, colonne « Bilan 2022 » — au 31/12/2022 »: producer, document,
place in the document, then the date the figure is measured at.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Provenance:
    """Who produced a figure, in which document, where in it, and its date.

    ``as_of`` is a date (a result's « valeur au »), or a few words when the
    source dates the figure otherwise (« 2008 », « année non précisée »).
    """

    producer: str = ""
    source: str = ""
    location: str = ""
    as_of: date | str | None = None

    @classmethod
    def of(cls, entry, as_of: date | str | None = None) -> "Provenance":
        """The provenance fields of a model row (``indicators.models.Provenance``)."""
        return cls(entry.producer, entry.source, entry.source_location, as_of)

    def __bool__(self) -> bool:
        return bool(self.producer or self.source or self.location or self.as_of)


NO_PROVENANCE = Provenance()


def as_of_text(as_of: date | str | None) -> str:
    if as_of is None or as_of == "":
        return ""
    if isinstance(as_of, date):
        return _("au %(date)s") % {"date": date_format(as_of, "SHORT_DATE_FORMAT")}
    return str(as_of)


def provenance_text(provenance: Provenance) -> str:
    """One line: « producteur — document, emplacement — au 31/12/2022 »; '' when unknown."""
    document = ", ".join(part for part in (provenance.source, provenance.location) if part)
    parts = [part for part in (provenance.producer, document) if part]
    dated = as_of_text(provenance.as_of)
    if dated:
        parts.append(dated)
    return " — ".join(parts)
