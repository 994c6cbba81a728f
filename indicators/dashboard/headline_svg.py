"""The overview's headline bullets drawn by the server, as SVG: no script to draw them.

The overview shows one bullet per headline indicator and nothing else to chart, so it
needs no charting library at all: the page carries its drawings, readable as soon as
the HTML arrives, and no JavaScript is sent for them (see the speed issue's budget of
250 KB of JS and CSS for the overview). What a bullet shows is decided by
``headline.headline_bullet`` as before; this module only draws it.

The drawing follows the Plotly bullet it replaces: the bar from 0 to the value with the
figure written inside it at its base (or just after a bar too short to hold it), the
target as a diamond above the bar, the target's words above the plot, a value axis
with at most six round ticks, in the reader's language (« 10 000 », « 20 % »). No value:
the bar's place says why (« Aucune donnée », « Résultat 2023 en cours de collecte »).

The SVG is one image (``role="img"``) named « Graphique : <indicator> » like the other
charts; its figure's caption gives the sentence, and its table every value. Each mark
has a ``<title>``: a pointer over it shows its words, as Plotly's hover label did.
"""

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.formatting import EURO_UNITS, NBSP, format_number, french_spacing, percent_suffix
from indicators.dashboard.chart_style import (
    GRID_COLOR,
    HEADLINE_HEIGHT,
    OUTLINE_COLOR,
    RESULT_COLOR,
    SMALL_COUNT,
    TEXT_COLOR,
    TEXT_ON_RESULT_COLOR,
)
from indicators.dashboard.headline import Bullet

WIDTH = 320
HEIGHT = HEADLINE_HEIGHT
LEFT, RIGHT = 8, WIDTH - 16
TARGET_LABEL_Y = 18
DIAMOND_Y = 42
BAR_TOP, BAR_HEIGHT = 52, 24
AXIS_Y = 84
TICK_LABEL_Y = 100
DIAMOND_HALF = 7
FONT_SIZE = 13
# A figure's width in the card's font, by character: enough to tell whether it fits
# inside the bar (digits and spaces are narrower, letters wider; the mean errs wide).
CHARACTER_WIDTH = 7.4
MAX_TICKS = 6
# Only words to show (no value, no target): a short band.
EMPTY_HEIGHT = 36


def _upper_bound(bullet: Bullet, is_share: bool) -> Decimal:
    if is_share:
        return Decimal(100)
    largest = max((v for v in (bullet.value, bullet.target) if v is not None), default=None)
    return Decimal(largest) * Decimal("1.1") if largest else Decimal(1)


def tick_values(upper: Decimal, *, whole_units: bool = False) -> list[Decimal]:
    """Round values from 0 up to ``upper``, at most ``MAX_TICKS`` of them: steps of 1,
    2, 2.5 or 5 times a power of ten; steps of whole units only for small counts.

    >>> [str(v) for v in tick_values(Decimal("80.3"))]
    ['0', '20', '40', '60', '80']
    >>> [str(v) for v in tick_values(Decimal("4.4"), whole_units=True)]
    ['0', '1', '2', '3', '4']
    """
    if upper <= 0:
        return [Decimal(0)]
    magnitude = Decimal(10) ** (upper.adjusted() - 1)
    for factor in ("1", "2", "2.5", "5", "10", "20", "25", "50", "100"):
        step = magnitude * Decimal(factor)
        if whole_units and step < 1:
            continue
        if upper / step < MAX_TICKS:
            break
    count = int(upper // step)
    values = (step * index for index in range(count + 1))
    return [Decimal(int(value)) if value == int(value) else value for value in values]


def tick_text(value: Decimal, unit: str) -> str:
    """A tick's words: the number in the reader's language, with % or € when the
    unit is one (« 20 % », « 100 000 € »)."""
    symbol = (unit or "").strip()
    figure = format_number(value.normalize() if value else Decimal(0))
    if symbol == "%":
        return f"{figure}{percent_suffix()}"
    if symbol.lower() in EURO_UNITS:
        return f"{figure}{NBSP}€"
    return figure


def _x(value: Decimal, upper: Decimal) -> float:
    return round(LEFT + (RIGHT - LEFT) * float(value / upper), 1)


def _text_width(text: str) -> float:
    return len(text) * CHARACTER_WIDTH


def _axis(upper: Decimal, unit: str, whole_units: bool) -> list[SafeString]:
    parts = []
    for value in tick_values(upper, whole_units=whole_units):
        x = _x(value, upper)
        words = tick_text(value, unit)
        # Centred under its line, but never past the drawing's edges.
        label_x, anchor = x, "middle"
        if x - _text_width(words) / 2 < 0:
            label_x, anchor = 1, "start"
        elif x + _text_width(words) / 2 > WIDTH:
            label_x, anchor = WIDTH - 1, "end"
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" text-anchor="{}">{}</text>',
                x,
                TARGET_LABEL_Y + 10,
                x,
                AXIS_Y,
                OUTLINE_COLOR if value == 0 else GRID_COLOR,
                label_x,
                TICK_LABEL_Y,
                anchor,
                words,
            )
        )
    return parts


def _bar(bullet: Bullet, upper: Decimal) -> SafeString:
    end = _x(bullet.value, upper)
    text = bullet.value_text
    fits_inside = end - LEFT >= _text_width(text) + 8
    if fits_inside:
        text_x, anchor, colour = LEFT + 4, "start", TEXT_ON_RESULT_COLOR
    elif end + 4 + _text_width(text) <= WIDTH:
        text_x, anchor, colour = end + 4, "start", TEXT_COLOR
    else:
        text_x, anchor, colour = WIDTH - 2, "end", TEXT_COLOR
    # A path, not a <rect>: its size is geometry, not width and height attributes that
    # would read as presentation in the HTML around it (RGAA 10.1).
    return format_html(
        '<g><title>{}</title><path class="bar" d="M{} {}h{}v{}H{}Z" fill="{}"/>'
        '<text x="{}" y="{}" text-anchor="{}" fill="{}">{}</text></g>',
        french_spacing(
            _("%(label)s : %(value)s") % {"label": bullet.value_label, "value": bullet.value_figure}
        ),
        LEFT,
        BAR_TOP,
        round(max(end - LEFT, 1.0), 1),
        BAR_HEIGHT,
        LEFT,
        RESULT_COLOR,
        round(text_x, 1),
        BAR_TOP + BAR_HEIGHT / 2 + FONT_SIZE / 2 - 2,
        anchor,
        colour,
        text,
    )


def _target(bullet: Bullet, upper: Decimal) -> SafeString:
    x = _x(bullet.target, upper)
    half, y = DIAMOND_HALF, DIAMOND_Y
    points = f"{x},{y - half} {x + half},{y} {x},{y + half} {x - half},{y}"
    return format_html(
        '<g><title>{}</title><polygon points="{}" fill="{}" stroke="{}" stroke-width="1.5"/></g>'
        '<text x="{}" y="{}"><tspan fill="{}">◆</tspan> {}</text>',
        bullet.target_label,
        points,
        bullet.target_color,
        OUTLINE_COLOR,
        LEFT,
        TARGET_LABEL_Y,
        bullet.target_color,
        bullet.target_label,
    )


def _missing(bullet: Bullet, line_y: float) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
        (LEFT + RIGHT) / 2,
        line_y,
        TEXT_COLOR,
        bullet.missing_text,
    )


def bullet_svg(bullet: Bullet, *, name: str, is_share: bool = False) -> SafeString:
    """The bullet as an SVG image named ``name`` (« Graphique : <indicator> »)."""
    upper = _upper_bound(bullet, is_share)
    values = [v for v in (bullet.value, bullet.target) if v is not None]
    whole_units = bool(values) and all(v == int(v) for v in values) and max(values) < SMALL_COUNT
    parts = []
    height = HEIGHT
    if not values:
        # No value and no target: nothing to place on an axis, only the words, on a
        # short band.
        height = EMPTY_HEIGHT
        parts.append(_missing(bullet, EMPTY_HEIGHT / 2 + FONT_SIZE / 2 - 2))
    else:
        parts += _axis(upper, bullet.unit, whole_units)
    if bullet.value is not None:
        parts.append(_bar(bullet, upper))
    elif values:
        parts.append(_missing(bullet, BAR_TOP + BAR_HEIGHT / 2 + FONT_SIZE / 2 - 2))
    if bullet.target is not None:
        parts.append(_target(bullet, upper))
    body = mark_safe("".join(parts))  # every part built by format_html, escaped
    return format_html(
        '<svg class="bullet" viewBox="0 0 {} {}" role="img" aria-label="{}" focusable="false" '
        'font-family="system-ui, sans-serif" font-size="{}" fill="{}">{}</svg>',
        WIDTH,
        height,
        name,
        FONT_SIZE,
        TEXT_COLOR,
        body,
    )
