"""Small-count protection: figures about people below the city level are never shown
exactly when they are small.

A count of people or households by arrondissement (or by site) may single out a
household: a value from 1 to K − 1 is shown as « moins de K » on public and partner
pages, maps, sentences, open data and the API. Staff pages keep the exact figures.

Hiding the small values is not enough when the total is known (the city-wide figure,
or the sum a reader can make): a single hidden cell is the total minus the others. So
more cells are hidden (secondary suppression) until the hidden cells' sum no longer
tells any of their values (``exposed``: one hidden cell alone, two cells of 1, a cell
of 1 beside a cell of K…).

Zero is shown: an arrondissement with nobody is not a person to protect.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext

DEFAULT_THRESHOLD = 5


def configured_threshold() -> int:
    """K, the site's threshold: ``LDAPLAN_SMALL_COUNT_THRESHOLD``, 5 when it is not set."""
    return getattr(settings, "LDAPLAN_SMALL_COUNT_THRESHOLD", DEFAULT_THRESHOLD)


@dataclass(frozen=True)
class Hidden:
    """A value not shown: « moins de K » when it is small; « non diffusé » when it is
    hidden so that the total does not give a small one away."""

    threshold: int
    secondary: bool = False

    def __str__(self) -> str:
        if self.secondary:
            return gettext("non diffusé")
        return gettext("moins de %(threshold)s") % {"threshold": self.threshold}

    def bounds(self) -> tuple[Decimal, Decimal | None]:
        """What a reader knows of the value: from 1 to K − 1, or K and more (secondary
        cells are taken among the shown values, all K or more)."""
        if self.secondary:
            return Decimal(self.threshold), None
        return Decimal(1), Decimal(self.threshold - 1)


def exposed(hidden: dict, values: dict) -> bool:
    """Whether a reader who knows the total (so the hidden cells' sum) and each hidden
    cell's bounds can tell one hidden value exactly."""
    total = sum(values[key] for key in hidden)
    bounds = {key: cell.bounds() for key, cell in hidden.items()}
    for key, (low, high) in bounds.items():
        others = [bound for other, bound in bounds.items() if other != key]
        others_high = [h for _l, h in others]
        most = total - sum(low for low, _h in others)
        if high is not None:
            most = min(most, high)
        least = low
        if None not in others_high:
            least = max(low, total - sum(others_high))
        if least == most:
            return True
    return False


def protect(values: dict, threshold: int = DEFAULT_THRESHOLD) -> dict:
    """``values`` (key → Decimal, or None for no figure) with the small ones replaced by
    ``Hidden``, and as many more as the total would otherwise give away.

    Secondary cells are taken from the smallest shown positive values, so that as little
    as possible is hidden; keys keep their order.
    """
    hidden = {
        key: Hidden(threshold)
        for key, value in values.items()
        if value is not None and 0 < value < threshold
    }
    candidates = sorted(
        (value, str(key), key)
        for key, value in values.items()
        if value is not None and value > 0 and key not in hidden
    )
    while hidden and exposed(hidden, values) and candidates:
        _value, _name, key = candidates.pop(0)
        hidden[key] = Hidden(threshold, secondary=True)
    return {key: hidden.get(key, value) for key, value in values.items()}


def protected_total(values: dict) -> Decimal | None:
    """The sum of the figures, hidden ones included (``protect`` has hidden enough that
    the total tells none of them); None when there is no figure at all."""
    known = [value for value in values.values() if value is not None]
    return sum(known, Decimal(0)) if known else None
