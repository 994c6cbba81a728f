"""Figures by arrondissement on a map of Paris: inline SVG drawn on the server.

No script, no tiles, no request to another site: the 20 shapes come from
``var/geo/paris-arrondissements.json`` (``make geodata``, see docs/geodata.md) and
the page gets plain markup, which the PDF export can draw as well.

A value is a ``Decimal`` (or ``int``), ``None`` for « pas de donnée », or a hidden
figure: any other object, shown as its text (small-count protection's ``Hidden``,
or a label such as « moins de 5 »). Small-count protection never hides a zero, so a
hidden figure counts as more than zero.

Each arrondissement carries its name and, when known, its value in figures: the
colour classes are never the only way to read the map (RGAA 3.1). No data and
hidden figures each have their own pattern, and the text is ink on a white halo,
readable on every fill. The fills are light enough for ink text at 4.5:1 and the
borders are ink, 3:1 or more against every fill and the page.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.formatting import format_number, french_spacing
from indicators.dashboard.arrondissement_values import (
    ARRONDISSEMENTS,
    MapValue,
    ValueClass,
    check_numbers,
    hidden_labels,
    is_hidden,
    value_classes,
    value_text,
)
from indicators.dashboard.chart_style import TEXT_COLOR
from measures.paris_arrondissements import ARRONDISSEMENTS_FILE

# Sequential blues, lightest first (ColorBrewer's « Blues », stopping before its dark
# end): ink text stays at 4.5:1 or more on each (15.5, 12.1, 9.8, 7.1 and 5.1 to 1).
CLASS_COLORS = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6")
NO_DATA_BACKGROUND = "#FFFFFF"
NO_DATA_LINES = "#767676"  # 4.5:1 on white: the hatching shows on the page
HIDDEN_BACKGROUND = "#E8E8E8"
HIDDEN_DOTS = "#595959"
HALO_COLOR = "#FFFFFF"
ATTRIBUTION_COLOR = "#555555"  # the site's muted text, 7.5:1 on white
FONT_FAMILY = "system-ui, sans-serif"
NAME_FONT_SIZE = 16
VALUE_FONT_SIZE = 18
LEGEND_FONT_SIZE = 16
ATTRIBUTION_FONT_SIZE = 12
LEGEND_COLUMNS = 4
LEGEND_ROW_HEIGHT = 30
# The focus ring of an arrondissement reached with the keyboard: a thick ink border,
# 3:1 or more against every fill (the site's yellow ring would vanish on the light ones).
FOCUS_STYLE = (
    ".arrondissement-map__area:focus{outline:none}"
    f".arrondissement-map__area:focus-visible{{stroke:{TEXT_COLOR};stroke-width:6}}"
)


class MissingMapError(FileNotFoundError):
    """The map's shapes are not there: the setup step was not run."""


@dataclass(frozen=True)
class MapArrondissement:
    number: int
    code: str
    name: str
    path: str
    label_x: int
    label_y: int


@dataclass(frozen=True)
class ParisMap:
    view_box: tuple[int, int, int, int]
    licence: str
    attribution: str
    arrondissements: tuple[MapArrondissement, ...]


@cache
def load_arrondissements(path: Path | None = None) -> ParisMap:
    """The 20 arrondissements' shapes, read once per process from the file ``make geodata``
    writes (``path`` is for the tests)."""
    path = path or Path(settings.BASE_DIR) / ARRONDISSEMENTS_FILE
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise MissingMapError(
            "Le fond de carte des arrondissements manque : lancez `make geodata`."
        ) from error
    return ParisMap(
        view_box=tuple(int(float(value)) for value in content["viewBox"].split()),
        licence=content["licence"],
        attribution=content["attribution"],
        arrondissements=tuple(
            MapArrondissement(
                number=area["number"],
                code=area["code"],
                name=area["name"],
                path=area["path"],
                label_x=area["label_x"],
                label_y=area["label_y"],
            )
            for area in content["arrondissements"]
        ),
    )


def arrondissement_map_svg(
    values: Mapping[int, MapValue],
    unit: str,
    title: str,
    *,
    description: str = "",
    map_id: str = "carte-arrondissements",
    paris_map: ParisMap | None = None,
    title_lang: str = "",
) -> SafeString:
    """The map as inline SVG: one ``<path>`` per arrondissement, coloured by its class,
    with its name and value written on it, a ``<title>`` (« 10e : 3 Pensions de
    Famille ») and a place in the keyboard's order; the legend below.

    ``values`` maps an arrondissement's number (1 to 20) to its value; a missing number
    is « pas de donnée ». ``map_id`` prefixes the ids inside the drawing: two maps on
    one page need two. ``title`` and ``description`` name the image for assistive
    technologies (``role="img"``); ``title_lang`` marks the titles (the map's and each
    arrondissement's) as written in another language than the page's, the plan's French
    name and units on an English page. The figures are also in the page's table
    (:func:`indicators.dashboard.arrondissement_values.arrondissement_rows`).
    """
    check_numbers(values)
    paris_map = paris_map or load_arrondissements()
    classes = value_classes(value for value in values.values() if _is_number(value))
    left, top, width, map_height = paris_map.view_box
    legend, legend_height = _legend(values, unit, classes, map_id, (width, map_height))
    view_box = (left, top, width, map_height + legend_height)
    parts = [
        _opening(map_id, view_box, title, description, title_lang),
        *(
            _area(area, values.get(area.number), unit, classes, map_id, title_lang)
            for area in paris_map.arrondissements
        ),
        *(_label(area, values.get(area.number)) for area in paris_map.arrondissements),
        legend,
        _attribution(paris_map, view_box),
        mark_safe("</svg>"),
    ]
    return mark_safe("".join(parts))


def _lang(title_lang: str) -> SafeString:
    """The ``lang`` attribute of titles written in another language than the page's."""
    return format_html(' lang="{}"', title_lang) if title_lang else mark_safe("")


def _opening(
    map_id: str,
    view_box: tuple[int, int, int, int],
    title: str,
    description: str,
    title_lang: str = "",
) -> SafeString:
    """The ``<svg>`` element's start: its accessible name and description, the focus ring
    and the patterns."""
    description = description or gettext(
        "Carte des 20 arrondissements de Paris : chaque arrondissement porte son numéro "
        "et sa valeur, sa couleur en donne la classe."
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" role="img" '
        'aria-labelledby="{}-title" aria-describedby="{}-desc" class="arrondissement-map" '
        'font-family="{}">'
        '<title id="{}-title"{}>{}</title><desc id="{}-desc">{}</desc><style>{}</style>{}',
        *view_box,
        map_id,
        map_id,
        FONT_FAMILY,
        map_id,
        _lang(title_lang),
        title,
        map_id,
        french_spacing(description),
        mark_safe(FOCUS_STYLE),
        _patterns(map_id),
    )


def _attribution(paris_map: ParisMap, view_box: tuple[int, int, int, int]) -> SafeString:
    """The source the Licence Ouverte asks to name, under the legend on the right."""
    left, top, width, height = view_box
    return format_html(
        '<text x="{}" y="{}" text-anchor="end" font-size="{}" fill="{}">{}</text>',
        left + width - 4,
        top + height - 6,
        ATTRIBUTION_FONT_SIZE,
        ATTRIBUTION_COLOR,
        french_spacing(
            gettext("Fond de carte : %(attribution)s, %(licence)s")
            % {"attribution": paris_map.attribution, "licence": paris_map.licence}
        ),
    )


def _is_number(value: MapValue) -> bool:
    return value is not None and not is_hidden(value)


def _fill(value: MapValue, classes: list[ValueClass], map_id: str) -> str:
    if value is None:
        return f"url(#{map_id}-no-data)"
    if is_hidden(value):
        return f"url(#{map_id}-hidden)"
    return next(CLASS_COLORS[c.shade] for c in classes if c.contains(value))


def _patterns(map_id: str) -> SafeString:
    """The hatching of « pas de donnée » and the dots of a hidden figure."""
    return format_html(
        "<defs>"
        '<pattern id="{}-no-data" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="{}"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="{}" stroke-width="2"/></pattern>'
        '<pattern id="{}-hidden" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="{}"/><circle cx="4" cy="4" r="1.6" fill="{}"/>'
        "</pattern></defs>",
        map_id,
        NO_DATA_BACKGROUND,
        NO_DATA_LINES,
        map_id,
        HIDDEN_BACKGROUND,
        HIDDEN_DOTS,
    )


def _area(
    area: MapArrondissement,
    value: MapValue,
    unit: str,
    classes: list[ValueClass],
    map_id: str,
    title_lang: str = "",
) -> SafeString:
    label = french_spacing(
        gettext("%(name)s : %(value)s") % {"name": area.name, "value": value_text(value, unit)}
    )
    return format_html(
        '<path d="{}" fill="{}" stroke="{}" stroke-width="1" stroke-linejoin="round" '
        'tabindex="0" class="arrondissement-map__area" data-arrondissement="{}">'
        "<title{}>{}</title></path>",
        area.path,
        _fill(value, classes, map_id),
        TEXT_COLOR,
        area.number,
        _lang(title_lang),
        label,
    )


def _text(x: int, y: int, size: int, text: str, weight: str = "normal") -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-size="{}" font-weight="{}">{}</text>', x, y, size, weight, text
    )


def _label(area: MapArrondissement, value: MapValue) -> SafeString:
    """The arrondissement's name, and its value below when it is a figure; on a white halo,
    out of the pointer's way (the area's tooltip shows through)."""
    x, y = area.label_x, area.label_y
    if _is_number(value):
        lines = [
            _text(x, y - 3, NAME_FONT_SIZE, area.name),
            _text(x, y + VALUE_FONT_SIZE - 2, VALUE_FONT_SIZE, format_number(value), "bold"),
        ]
    else:
        lines = [_text(x, y + NAME_FONT_SIZE // 3, NAME_FONT_SIZE, area.name)]
    return format_html(
        '<g aria-hidden="true" pointer-events="none" text-anchor="middle" fill="{}" '
        'stroke="{}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</g>',
        TEXT_COLOR,
        HALO_COLOR,
        mark_safe("".join(lines)),
    )


def _legend(
    values: Mapping[int, MapValue],
    unit: str,
    classes: list[ValueClass],
    map_id: str,
    map_size: tuple[int, int],
) -> tuple[SafeString, int]:
    """The legend under the map (its heading is the unit), and the height it takes with the
    attribution's line."""
    entries = [(CLASS_COLORS[value_class.shade], value_class.label()) for value_class in classes]
    every_value = [values.get(number) for number in ARRONDISSEMENTS]
    if any(value is None for value in every_value):
        entries.append((f"url(#{map_id}-no-data)", gettext("pas de donnée")))
    labels = hidden_labels(values)
    if labels:
        entries.append((f"url(#{map_id}-hidden)", " / ".join(labels)))
    width, top = map_size
    parts = []
    y = top + 12
    if unit:
        y += LEGEND_FONT_SIZE
        parts.append(_text(10, y, LEGEND_FONT_SIZE, capfirst(str(unit)), "bold"))
    column_width = width // LEGEND_COLUMNS
    for index, (fill, text) in enumerate(entries):
        row, column = divmod(index, LEGEND_COLUMNS)
        x = 10 + column * column_width
        entry_top = y + 10 + row * LEGEND_ROW_HEIGHT
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="28" height="20" fill="{}" stroke="{}"/>',
                x,
                entry_top,
                fill,
                TEXT_COLOR,
            )
        )
        parts.append(_text(x + 36, entry_top + 16, LEGEND_FONT_SIZE, text))
    rows = -(-len(entries) // LEGEND_COLUMNS)
    bottom = y + 10 + rows * LEGEND_ROW_HEIGHT + ATTRIBUTION_FONT_SIZE + 8
    legend = format_html(
        '<g class="arrondissement-map__legend" fill="{}">{}</g>',
        TEXT_COLOR,
        mark_safe("".join(parts)),
    )
    return legend, bottom - top
