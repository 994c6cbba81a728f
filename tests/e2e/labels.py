"""Finding an entry page's field by its visible label.

On the entry page each label ends, for the ear only, with its form's legend
(« Résultat 2023 (Résultat 2023 et objectif 2023 — Logements …) », RGAA 11.2): a
field is found by what its label starts with, as a sighted person reads it.
"""

import re


def entry_label(visible: str) -> re.Pattern:
    """The accessible name of a field whose visible label is ``visible``."""
    return re.compile(rf"^{re.escape(visible)}( \*)?( \(|$)")
