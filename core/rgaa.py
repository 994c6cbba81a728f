"""The RGAA 4.1 audit grid (docs/rgaa/grille.json) and what the statement may say from it.

The accessibility statement and the footer read their conformity status and rate
here, so they can never claim more than the grid proves; tests/test_rgaa_grid.py
checks the grid itself (every criterion once, every proof citable).
"""

import json
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CONFORME = "conforme"
NON_CONFORME = "non conforme"
NON_APPLICABLE = "non applicable"
STATUSES = (CONFORME, NON_CONFORME, NON_APPLICABLE)

# RGAA 4.1: 106 criteria in 13 themes, how many in each.
CRITERIA_PER_THEME = {
    1: 9,
    2: 2,
    3: 3,
    4: 13,
    5: 8,
    6: 2,
    7: 5,
    8: 10,
    9: 4,
    10: 14,
    11: 13,
    12: 11,
    13: 12,
}
CRITERION_NUMBERS = [
    f"{theme}.{n}" for theme, count in CRITERIA_PER_THEME.items() for n in range(1, count + 1)
]

THEMES = {
    1: _("Images"),
    2: _("Cadres"),
    3: _("Couleurs"),
    4: _("Multimédia"),
    5: _("Tableaux"),
    6: _("Liens"),
    7: _("Scripts"),
    8: _("Éléments obligatoires"),
    9: _("Structuration de l'information"),
    10: _("Présentation de l'information"),
    11: _("Formulaires"),
    12: _("Navigation"),
    13: _("Consultation"),
}

# The official statement model's three states, by the share of applicable criteria met.
TOTALLY = "totalement conforme"
PARTIALLY = "partiellement conforme"
NOT = "non conforme"
STATE_LABELS = {
    TOTALLY: _("totalement conforme"),
    PARTIALLY: _("partiellement conforme"),
    NOT: _("non conforme"),
}


@dataclass(frozen=True)
class Conformity:
    met: int
    applicable: int
    not_applicable: int
    # Floored to a whole percent: 99.6 % must not read « 100 % » next to « partiellement ».
    rate: int
    state: str
    audit_date: date | None
    failures: list[dict]
    sample: list[dict]
    tools: list[str]
    assistive_technologies: list[str]

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


def grid_path() -> Path:
    return Path(settings.LDAPLAN_RGAA_GRID)


def read_grid(path: Path | None = None) -> dict:
    return json.loads((path or grid_path()).read_text(encoding="utf-8"))


def criterion_sort_key(number: str) -> tuple[int, int]:
    theme, n = number.split(".")
    return int(theme), int(n)


def state_for(met: int, applicable: int) -> str:
    """« Totalement » only when every applicable criterion is met, « partiellement » from half."""
    if applicable and met == applicable:
        return TOTALLY
    if applicable and 2 * met >= applicable:
        return PARTIALLY
    return NOT


def conformity_of(grid: dict) -> Conformity:
    criteria = grid["criteres"]
    met = sum(1 for c in criteria if c["statut"] == CONFORME)
    failures = sorted(
        (c for c in criteria if c["statut"] == NON_CONFORME),
        key=lambda c: criterion_sort_key(c["numero"]),
    )
    not_applicable = sum(1 for c in criteria if c["statut"] == NON_APPLICABLE)
    applicable = met + len(failures)
    dates = [
        date.fromisoformat(c["verification"]["date"]) for c in criteria if c.get("verification")
    ]
    return Conformity(
        met=met,
        applicable=applicable,
        not_applicable=not_applicable,
        rate=math.floor(100 * met / applicable) if applicable else 0,
        state=state_for(met, applicable),
        audit_date=max(dates, default=None),
        failures=failures,
        sample=grid.get("echantillon", []),
        tools=grid.get("outils", []),
        assistive_technologies=grid.get("technologies_assistance", []),
    )


@lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int) -> Conformity:
    return conformity_of(read_grid(Path(path)))


def current_conformity() -> Conformity:
    """The grid's verdict, read again only when the file changes."""
    path = grid_path()
    return _cached(str(path), path.stat().st_mtime_ns)
