"""The plan's French words inside English sentences, marked French (RGAA 8.7).

A unit is the plan's own word (« logements », « Pensions de Famille »), kept in
French on the English pages: « 73 logements in 2022 ». So are the other words
the plan's data gives in French only: a target's period (« Stratégie Logement
2035 »), how a target is derived, a comment, a source. Screen readers read a
word in the language of its element, so on a page in another language each of
these in a sentence or a table cell goes in ``<span lang="fr">``. On a French
page nothing changes, byte for byte.
"""

import re
from collections.abc import Iterable

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from core.formatting import EURO_UNITS

# Symbols read the same in every language.
NOT_WORDS = {"", "%", *EURO_UNITS}


def page_is_french() -> bool:
    return (translation.get_language() or "fr").startswith("fr")


def mark_french_units(text, unit, parts: Iterable[str] = ()) -> SafeString:
    """``text`` escaped, its ``unit`` words and French ``parts`` in ``<span lang="fr">``
    unless the page is French.

    >>> with translation.override("en"):
    ...     str(mark_french_units("73 logements in 2022", "logements"))
    '73 <span lang="fr">logements</span> in 2022'
    >>> with translation.override("en"):
    ...     str(mark_french_units("40% (Stratégie 2035)", "%", ["Stratégie 2035"]))
    '40% (<span lang="fr">Stratégie 2035</span>)'
    >>> with translation.override("fr"):
    ...     str(mark_french_units("73 logements en 2022", "logements"))
    '73 logements en 2022'
    """
    escaped = conditional_escape(text)
    if page_is_french():
        return escaped
    forms = {str(unit or "").strip(), str(getattr(unit, "singular", unit or "")).strip()}
    forms = (forms | {str(part).strip() for part in parts if part}) - NOT_WORDS
    if not forms:
        return escaped
    # The longest first (« logements » before « logement », a whole derivation
    # before the unit inside it), whole words only.
    alternatives = "|".join(
        re.escape(str(conditional_escape(form))) for form in sorted(forms, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<![\w&#])({alternatives})(?!\w)")
    return mark_safe(pattern.sub(r'<span lang="fr">\1</span>', str(escaped)))


def french(text) -> SafeString:
    """The plan's French ``text`` escaped, in ``<span lang="fr">`` unless the page is French.

    >>> with translation.override("en"):
    ...     str(french("Captation de 73 logements."))
    '<span lang="fr">Captation de 73 logements.</span>'
    """
    if page_is_french() or not str(text).strip():
        return conditional_escape(text)
    return format_html('<span lang="fr">{}</span>', text)


# The English interface quotes the plan's names between these (« … » in French).
ENGLISH_QUOTED = re.compile(r"“([^”<>]+)”")


def french_quoted(text) -> SafeString:
    """``text`` escaped, what it quotes “…” in ``<span lang="fr">`` unless the page is
    French: an English phrase naming the plan's indicator, milestone or row.

    >>> with translation.override("en"):
    ...     str(french_quoted("the 2023 result of the indicator “Logements captés”"))
    'the 2023 result of the indicator “<span lang="fr">Logements captés</span>”'
    """
    escaped = conditional_escape(text)
    if page_is_french():
        return escaped
    return mark_safe(ENGLISH_QUOTED.sub(r'“<span lang="fr">\1</span>”', str(escaped)))


def french_parts_of(row) -> list[str]:
    """What an indicator's sentences and cells quote from the plan in French: the
    periods of its other targets and how its targets are derived (an ``IndicatorRow``)."""
    parts = [target.label for target in getattr(row, "period_targets", ())]
    parts += [point.target_derivation for point in getattr(row, "points", ())]
    return [part for part in parts if part]
