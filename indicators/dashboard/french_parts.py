"""The plan's French words inside English sentences, marked French (RGAA 8.7).

A unit is the plan's own word (« logements », « Pensions de Famille »), kept in
French on the English pages: « 73 logements in 2022 ». Screen readers read a
word in the language of its element, so on a page in another language each
unit in a sentence or a table cell goes in ``<span lang="fr">``. On a French
page nothing changes, byte for byte.
"""

import re

from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from core.formatting import EURO_UNITS

# Symbols read the same in every language.
NOT_WORDS = {"", "%", *EURO_UNITS}


def mark_french_units(text, unit) -> SafeString:
    """``text`` escaped, its ``unit`` words in ``<span lang="fr">`` unless the page is French.

    >>> with translation.override("en"):
    ...     str(mark_french_units("73 logements in 2022", "logements"))
    '73 <span lang="fr">logements</span> in 2022'
    >>> with translation.override("fr"):
    ...     str(mark_french_units("73 logements en 2022", "logements"))
    '73 logements en 2022'
    """
    escaped = conditional_escape(text)
    if (translation.get_language() or "fr").startswith("fr") or not unit:
        return escaped
    forms = {str(unit).strip(), str(getattr(unit, "singular", unit)).strip()} - NOT_WORDS
    if not forms:
        return escaped
    # The longest first (« logements » before « logement »), whole words only.
    alternatives = "|".join(
        re.escape(str(conditional_escape(form))) for form in sorted(forms, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<![\w&#])({alternatives})(?!\w)")
    return mark_safe(pattern.sub(r'<span lang="fr">\1</span>', str(escaped)))
