"""The label of each box of the review queue, unique on the page (RGAA 11.2).

A box's label says the line's kind, subject and year (« Résultat Logements … — 2023 »),
which is enough but when two lines share all three: two measures' milestones of the
same title, two rows of the same title. Those lines say where they belong too.
"""

from collections import Counter
from dataclasses import replace

from django.utils.translation import gettext as _


def place_of(item) -> str:
    """Where a queue line belongs: its measure (and row letter), or its row's title."""
    if item.measure is None:
        return _("ligne « %(title)s »") % {"title": item.row.title}
    place = _("mesure %(number)s") % {"number": item.measure.number}
    return f"{place} ({item.row.reference})" if item.row.letter else place


def _numbered(item) -> str:
    """The last resort: the entry's own number (two lines of the same row)."""
    return _("%(place)s, saisie n° %(number)s") % {"place": item.place, "number": item.entry.pk}


def _label_key(item) -> tuple:
    return (item.kind, item.subject, item.year, item.place)


def distinguish(items: list) -> list:
    """The queue's lines (``queue.QueueItem``), each line whose label would be another's
    given its ``place``, then its number if that is not enough."""
    for told_apart in (place_of, _numbered):
        names = Counter(_label_key(item) for item in items)
        items = [
            replace(item, place=told_apart(item)) if names[_label_key(item)] > 1 else item
            for item in items
        ]
    return items
