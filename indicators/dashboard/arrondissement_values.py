"""Figures by arrondissement in words: the map's colour classes, the sentence under the
map and the rows of its table.

A value is a ``Decimal`` (or ``int``), ``None`` for « pas de donnée », or a hidden
figure: any other object, read as its text (small-count protection's ``Hidden``, or a
label such as « moins de 5 »). A missing value is said to be missing, never 0; a
hidden one is more than zero, since small-count protection never hides a zero.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext, ngettext

from core.formatting import format_number, format_quantity, french_spacing
from measures.paris_arrondissements import french_ordinal

ARRONDISSEMENTS = range(1, 21)
MAX_CLASSES = 5
# The palette's shades from light to dark; fewer classes spread over it.
SHADES = 5

MapValue = Decimal | int | object | None


def is_hidden(value: MapValue) -> bool:
    """Whether ``value`` stands for a figure not shown (neither a number nor None).

    >>> is_hidden("moins de 5"), is_hidden(Decimal(0)), is_hidden(None)
    (True, False, False)
    """
    return value is not None and not isinstance(value, Decimal | int)


def check_numbers(values: Mapping[int, MapValue]) -> None:
    """Refuse values keyed by anything but an arrondissement's number (an INSEE code would
    otherwise draw an empty map without a word)."""
    unknown = sorted((str(key) for key in values if key not in ARRONDISSEMENTS), key=str)
    if unknown:
        raise ValueError(
            f"arrondissements inconnus : {', '.join(unknown)} (les numéros vont de 1 à 20)"
        )


@dataclass(frozen=True)
class ValueClass:
    """The values from ``low`` to ``high`` (both seen among the arrondissements), drawn in
    the palette's ``shade`` (0, the lightest, to 4)."""

    low: Decimal
    high: Decimal
    shade: int

    def contains(self, value: Decimal | int) -> bool:
        return self.low <= value <= self.high

    def label(self) -> str:
        if self.low == self.high:
            return format_number(self.low)
        return gettext("%(low)s à %(high)s") % {
            "low": format_number(self.low),
            "high": format_number(self.high),
        }


def _shade(index: int, count: int) -> int:
    return SHADES // 2 if count == 1 else round(index * (SHADES - 1) / (count - 1))


def value_classes(values: Iterable[Decimal | int]) -> list[ValueClass]:
    """At most five classes of the values, from the lowest.

    Five distinct values or fewer (counts such as 0, 1, 2, 3): one class each. More:
    about as many arrondissements in each class (quantiles), an equal value never split
    across two classes, and each class bounded by values seen, never by an invented one.

    >>> [(int(c.low), int(c.high), c.shade) for c in value_classes([0, 1, 1, 3])]
    [(0, 0, 0), (1, 1, 2), (3, 3, 4)]
    >>> [(int(c.low), int(c.high)) for c in value_classes(range(1, 21))]
    [(1, 4), (5, 8), (9, 12), (13, 16), (17, 20)]
    """
    numbers = sorted(Decimal(value) for value in values)
    distinct = sorted(set(numbers))
    if len(distinct) <= MAX_CLASSES:
        groups = [[value] for value in distinct]
    else:
        groups = [[] for _ in range(MAX_CLASSES)]
        below = 0
        for value in distinct:
            count = numbers.count(value)
            # The class of the value's middle rank among all the values.
            rank = (2 * below + count) * MAX_CLASSES // (2 * len(numbers))
            groups[min(rank, MAX_CLASSES - 1)].append(value)
            below += count
        groups = [group for group in groups if group]
    return [
        ValueClass(group[0], group[-1], _shade(index, len(groups)))
        for index, group in enumerate(groups)
    ]


def value_text(value: MapValue, unit: str = "") -> str:
    """An arrondissement's value for a reader: « 3 Pensions de Famille », « pas de donnée »
    or the hidden figure's label (« moins de 5 »)."""
    if value is None:
        return gettext("pas de donnée")
    if is_hidden(value):
        return str(value)
    return format_quantity(Decimal(value), unit)


def hidden_labels(values: Mapping[int, MapValue]) -> list[str]:
    """The labels of the hidden figures, each once, in arrondissement order."""
    labels = [str(values[number]) for number in ARRONDISSEMENTS if is_hidden(values.get(number))]
    return list(dict.fromkeys(labels))


def arrondissement_sentence(values: Mapping[int, MapValue], what: str) -> str:
    """How many arrondissements have more than zero, and for how many the figure is missing.

    ``what`` is what they have, in the reader's language: « au moins une Pension de
    Famille agréée » gives « 7 arrondissements sur 20 ont au moins une Pension de
    Famille agréée ; pas de donnée pour 3 arrondissements. »
    """
    check_numbers(values)
    every_value = [values.get(number) for number in ARRONDISSEMENTS]
    missing = sum(value is None for value in every_value)
    having = sum(
        1 for value in every_value if value is not None and (is_hidden(value) or value > 0)
    )
    if missing == len(ARRONDISSEMENTS):
        return gettext("Pas de donnée pour les 20 arrondissements.")
    if having == len(ARRONDISSEMENTS):
        sentence = gettext("Les 20 arrondissements ont %(what)s") % {"what": what}
    else:
        sentence = ngettext(
            "%(count)s arrondissement sur 20 a %(what)s",
            "%(count)s arrondissements sur 20 ont %(what)s",
            having,
        ) % {"count": having, "what": what}
    if missing:
        sentence += ngettext(
            " ; pas de donnée pour %(count)s arrondissement",
            " ; pas de donnée pour %(count)s arrondissements",
            missing,
        ) % {"count": missing}
    return french_spacing(sentence + ".")


class ArrondissementRow(NamedTuple):
    number: int
    name: str
    value: str


def arrondissement_rows(values: Mapping[int, MapValue], unit: str = "") -> list[ArrondissementRow]:
    """The map's table: each of the 20 arrondissements in order, with its value as text."""
    check_numbers(values)
    return [
        ArrondissementRow(number, french_ordinal(number), value_text(values.get(number), unit))
        for number in ARRONDISSEMENTS
    ]
