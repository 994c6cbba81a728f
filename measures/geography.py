"""Plane geometry for a small map: WKB polygons read, projected, simplified and
written as SVG paths, and a place for each shape's label.

Plain arithmetic on tuples of floats: no Django, no database, nothing to install.
``measures.paris_arrondissements`` applies it to the arrondissements of Paris.
"""

import itertools
import math
import struct

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]

# Paris's latitude: one degree of longitude there is cos(48.86°) of a degree of latitude.
# A plate carrée scaled by it is off by less than 0.1 % east-west at the city's edges.
PARIS_LATITUDE = 48.86

_WKB_POLYGON = 3
_WKB_MULTIPOLYGON = 6
# PostGIS's extended WKB flags a SRID after the type: skipped, the data is WGS 84.
_EWKB_SRID_FLAG = 0x20000000


def parse_wkb(data: bytes) -> list[Polygon]:
    """The polygons of a WKB Polygon or MultiPolygon, each a list of rings of (x, y).

    Both byte orders are read, and PostGIS's SRID flag is skipped.

    >>> header = struct.pack("<BIII", 1, 3, 1, 4)  # little-endian, polygon, 1 ring of 4
    >>> parse_wkb(header + struct.pack("<8d", 0, 0, 1, 0, 0, 1, 0, 0))
    [[[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)]]]
    """
    polygons, end = _read_geometry(data, 0)
    if end != len(data):
        raise ValueError(f"WKB : {len(data) - end} octets en trop après la géométrie")
    return polygons


def _read_geometry(data: bytes, offset: int) -> tuple[list[Polygon], int]:
    order = {0: ">", 1: "<"}.get(data[offset])
    if order is None:
        raise ValueError(f"WKB : ordre des octets inconnu ({data[offset]})")
    (kind,) = struct.unpack_from(order + "I", data, offset + 1)
    offset += 5
    if kind & _EWKB_SRID_FLAG:
        offset += 4
        kind &= ~_EWKB_SRID_FLAG
    if kind == _WKB_POLYGON:
        polygon, offset = _read_polygon(data, offset, order)
        return [polygon], offset
    if kind == _WKB_MULTIPOLYGON:
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        polygons = []
        for _ in range(count):
            parts, offset = _read_geometry(data, offset)
            polygons.extend(parts)
        return polygons, offset
    raise ValueError(f"WKB : type de géométrie non pris en charge ({kind})")


def _read_polygon(data: bytes, offset: int, order: str) -> tuple[Polygon, int]:
    (ring_count,) = struct.unpack_from(order + "I", data, offset)
    offset += 4
    rings = []
    for _ in range(ring_count):
        (point_count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        values = struct.unpack_from(f"{order}{2 * point_count}d", data, offset)
        offset += 16 * point_count
        rings.append(list(zip(values[0::2], values[1::2], strict=True)))
    return rings, offset


def project(longitude: float, latitude: float) -> Point:
    """A point on a flat map of Paris, in degrees of latitude, x to the east, y to the south
    (SVG's y grows downwards, so north stays up).

    >>> north, south = project(2.35, 48.90), project(2.35, 48.82)
    >>> north[1] < south[1]
    True
    """
    return longitude * math.cos(math.radians(PARIS_LATITUDE)), -latitude


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0:
        return math.hypot(px - ax, py - ay)
    along = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return math.hypot(px - ax - along * dx, py - ay - along * dy)


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The polyline ``points`` without the vertices within ``tolerance`` of the simpler line.

    Its two ends are always kept.

    >>> douglas_peucker([(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 6), (5, 7)], 0.5)
    [(0, 0), (2, -0.1), (3, 5), (5, 7)]
    """
    if len(points) < 3:
        return list(points)
    start, end = points[0], points[-1]
    distances = [_distance_to_segment(point, start, end) for point in points[1:-1]]
    farthest = max(range(len(distances)), key=distances.__getitem__) + 1
    if distances[farthest - 1] <= tolerance:
        return [start, end]
    head = douglas_peucker(points[: farthest + 1], tolerance)
    return head[:-1] + douglas_peucker(points[farthest:], tolerance)


def simplify_ring(ring: Ring, tolerance: float, pinned: set[Point]) -> Ring:
    """A closed ring simplified between its ``pinned`` vertices, which all stay.

    Pinning the vertices two arrondissements share keeps their common border
    identical on both sides: no gap and no overlap between neighbours. A ring with
    fewer than two pinned vertices is cut at its pinned (or first) vertex and the one
    farthest from it. The ring returned starts at its first cut.

    >>> ring = [(0, 0), (1, 0.01), (2, 0), (2, 2), (0, 2), (0, 0)]
    >>> simplify_ring(ring, 0.1, pinned=set())
    [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    >>> simplify_ring(ring, 0.1, pinned={(1, 0.01)})
    [(1, 0.01), (2, 0), (2, 2), (0, 2), (0, 0), (1, 0.01)]
    """
    vertices = ring[:-1] if ring[0] == ring[-1] else list(ring)
    cuts = [index for index, point in enumerate(vertices) if point in pinned]
    if len(cuts) < 2:
        first = cuts[0] if cuts else 0
        farthest = max(range(len(vertices)), key=lambda i: math.dist(vertices[first], vertices[i]))
        cuts = sorted({first, farthest})
    simplified: Ring = []
    for start, end in zip(cuts, [*cuts[1:], cuts[0] + len(vertices)], strict=True):
        stretch = [vertices[i % len(vertices)] for i in range(start, end + 1)]
        simplified.extend(douglas_peucker(stretch, tolerance)[:-1])
    # A ring that would shrink to a line keeps its shape: a small island stays drawn.
    if len(simplified) < 3:
        return list(ring)
    return [*simplified, simplified[0]]


def shared_vertices(shapes: dict[int, list[Polygon]]) -> set[Point]:
    """The vertices found in the rings of two shapes or more: their common borders."""
    owners: dict[Point, set[int]] = {}
    for key, polygons in shapes.items():
        for polygon in polygons:
            for ring in polygon:
                for point in ring:
                    owners.setdefault(point, set()).add(key)
    return {point for point, keys in owners.items() if len(keys) > 1}


def fit_to_width(
    shapes: dict[int, list[Polygon]], width: float, margin: float
) -> tuple[dict[int, list[Polygon]], tuple[float, float, float, float]]:
    """``shapes`` scaled and moved into a drawing ``width`` wide, ``margin`` inside its
    edges, with the drawing's viewBox (0, 0, width, height)."""
    points = [point for polygons in shapes.values() for p in polygons for r in p for point in r]
    left, top = min(x for x, _ in points), min(y for _, y in points)
    right, bottom = max(x for x, _ in points), max(y for _, y in points)
    scale = (width - 2 * margin) / (right - left)

    def place(point: Point) -> Point:
        return margin + (point[0] - left) * scale, margin + (point[1] - top) * scale

    fitted = {
        key: [[[place(point) for point in ring] for ring in polygon] for polygon in polygons]
        for key, polygons in shapes.items()
    }
    height = math.ceil((bottom - top) * scale + 2 * margin)
    return fitted, (0, 0, width, height)


def rounded_ring(ring: Ring) -> list[tuple[int, int]]:
    """The ring's vertices to the nearest unit, without the repeats rounding makes.

    >>> rounded_ring([(0.2, 0.1), (0.4, 0.3), (5.6, 0.4), (5.5, 5.5), (0.2, 0.1)])
    [(0, 0), (6, 0), (6, 6), (0, 0)]
    """
    vertices: list[tuple[int, int]] = []
    for x, y in ring:
        vertex = (round(x), round(y))
        if not vertices or vertices[-1] != vertex:
            vertices.append(vertex)
    return vertices


def svg_path(polygons: list[Polygon]) -> str:
    """The SVG path data of ``polygons`` (each ring closed), to the nearest unit.

    >>> svg_path([[[(0, 0), (10, 0), (10, 10), (0, 0)]], [[(20, 20), (30, 20), (20, 30)]]])
    'M0 0L10 0 10 10ZM20 20L30 20 20 30Z'
    """
    parts = []
    for polygon in polygons:
        for ring in polygon:
            vertices = rounded_ring(ring)
            if vertices[0] == vertices[-1]:
                vertices.pop()
            if len(vertices) < 3:
                continue
            (x, y), rest = vertices[0], vertices[1:]
            parts.append(f"M{x} {y}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z")
    return "".join(parts)


def ring_area_and_centroid(ring: Ring) -> tuple[float, Point]:
    """The area of a closed ring (shoelace) and the centroid of the surface it bounds.

    >>> ring_area_and_centroid([(0, 0), (4, 0), (4, 2), (0, 2), (0, 0)])
    (8.0, (2.0, 1.0))
    """
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0]
    return abs(area), (cx / (6 * area), cy / (6 * area))


def contains(polygon: Polygon, point: Point) -> bool:
    """Whether ``point`` is inside ``polygon`` (inside its outer ring, outside its holes).

    >>> square = [[(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]]
    >>> contains(square, (1, 1)), contains(square, (5, 1))
    (True, False)
    """
    x, y = point
    inside = False
    for ring in polygon:
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def _room(polygon: Polygon, point: Point) -> float:
    """How far ``point`` is from the nearest border of ``polygon`` (0 outside it)."""
    if not contains(polygon, point):
        return 0.0
    return min(
        _distance_to_segment(point, start, end)
        for ring in polygon
        for start, end in itertools.pairwise(ring)
    )


def _roomiest_on_grid(
    polygon: Polygon, corner: Point, step: float, count: int, best: tuple[Point, float]
) -> tuple[Point, float]:
    """The point with the most room among ``best`` and a grid of (count + 1)² points; of
    two with the same room (along a long, even strip), the nearer to the centroid."""
    centroid = ring_area_and_centroid(polygon[0])[1]

    def rank(point: Point, room: float) -> tuple[float, float]:
        return round(room, 6), -math.dist(point, centroid)

    for i in range(count + 1):
        for j in range(count + 1):
            candidate = (corner[0] + i * step, corner[1] + j * step)
            room = _room(polygon, candidate)
            if rank(candidate, room) > rank(*best):
                best = candidate, room
    return best


def label_point(polygons: list[Polygon], steps: int = 40) -> tuple[Point, float]:
    """Where an arrondissement's label goes, and how much room it has there: the point of
    its largest part farthest from any border, found on a grid of ``steps`` across, then
    on a ten times finer one around the best point of the first.

    Not the centroid: the 12th's (the city and the Bois de Vincennes joined by a neck)
    falls on its border, and a label needs room on every side.

    >>> label_point([[[(0, 0), (10, 0), (10, 4), (0, 4), (0, 0)]]], steps=10)
    ((5.0, 2.0), 2.0)
    """
    polygon = max(polygons, key=lambda part: ring_area_and_centroid(part[0])[0])
    xs, ys = [x for x, _ in polygon[0]], [y for _, y in polygon[0]]
    step = max(max(xs) - min(xs), max(ys) - min(ys)) / steps
    centroid = ring_area_and_centroid(polygon[0])[1]
    best = (centroid, _room(polygon, centroid))
    best = _roomiest_on_grid(polygon, (min(xs), min(ys)), step, steps, best)
    (x, y), _room_found = best
    return _roomiest_on_grid(polygon, (x - step, y - step), step / 10, 20, best)
