"""Presentation against RGAA 4.1, without a browser: the charts' colours and shapes
(3.1, 3.3), the markup of the sample pages (10.1, 10.9, 10.10), the stylesheet
(10.5, 10.14) and the pointer (13.10, 13.11).

The sample pages are those of the audit grid (docs/rgaa/grille.json), the staff
ones seen by a validator (fictif) who also edits measure 1, in French and English.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from core import rgaa
from indicators import roles
from indicators.dashboard import chart_style
from tests.accounts import login, make_user

ROOT = Path(settings.BASE_DIR)
STYLESHEET = (ROOT / "static" / "css" / "ldaplan.css").read_text(encoding="utf-8")
SAMPLE = rgaa.read_grid()["echantillon"]
# WCAG 1.4.11 (RGAA 3.3) for marks and edges, 1.4.3 (RGAA 3.2) for text.
GRAPHIC_CONTRAST = 3
TEXT_CONTRAST = 4.5


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_the_wcag_formula():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # The orange the audit saw below 3:1.
    assert contrast("#E69F00", "#FFFFFF") < GRAPHIC_CONTRAST


@pytest.fixture
def sample_html(client, seed_plan):
    """{(url, language): HTML} of every sample page."""
    pages = {}
    for language in ("fr", "en"):
        client.logout()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for sample in sorted(SAMPLE, key=lambda s: s["acces"] != "public"):
            if sample["acces"] != "public" and not client.session.get("_auth_user_id"):
                login(client, validator())
            response = client.get(sample["url"])
            assert response.status_code == 200, sample["url"]
            pages[sample["url"], language] = response.content.decode()
    return pages


def validator():
    """A validator (fictif) who also enters measure 1's figures, as the grid's test does."""
    found = get_user_model().objects.filter(username="valideur").first()
    if found:
        return found
    user = make_user("valideur", roles.REVIEWERS, measures=[1])
    user.groups.add(*user.groups.model.objects.filter(name=roles.EDITORS))
    return user


def figures_in(html: str) -> list[dict]:
    ids = re.findall(r'data-figure="([^"]+)"', html)
    return [
        json.loads(
            re.search(rf'<script id="{i}" type="application/json">(.*?)</script>', html, re.S)[1]
        )
        for i in ids
    ]


def trace_colours(trace: dict) -> list[str]:
    marker, line = trace.get("marker", {}), trace.get("line", {})
    return [
        c
        for c in (marker.get("color"), marker.get("line", {}).get("color"), line.get("color"))
        if c
    ]


# --- 3.3 and 3.1: the charts ---------------------------------------------------------


def test_chart_palette_stands_out_from_the_plot_background():
    background = chart_style.BACKGROUND_COLOR
    for name in ("RESULT", "YEAR_TARGET", "PLAN_TARGET", "TRAJECTORY", "BASELINE", "OUTLINE"):
        colour = getattr(chart_style, f"{name}_COLOR")
        assert contrast(colour, background) >= GRAPHIC_CONTRAST, name
    assert contrast(chart_style.TEXT_COLOR, background) >= TEXT_CONTRAST
    assert contrast(chart_style.TEXT_ON_RESULT_COLOR, chart_style.RESULT_COLOR) >= TEXT_CONTRAST
    # The target's diamond is outlined: it shows on a result bar too.
    assert contrast(chart_style.TARGET_MARKER["line"]["color"], chart_style.RESULT_COLOR) >= 3


def test_every_mark_drawn_on_the_sample_pages_stands_out_from_its_plot(sample_html):
    colours = set()
    for html in sample_html.values():
        for figure in figures_in(html):
            background = figure["layout"]["plot_bgcolor"]
            for trace in figure["data"]:
                for colour in trace_colours(trace):
                    colours.add(colour)
                    assert contrast(colour, background) >= GRAPHIC_CONTRAST, (colour, trace["name"])
    assert chart_style.YEAR_TARGET_COLOR in colours
    assert chart_style.RESULT_COLOR in colours


def shape(trace: dict) -> tuple:
    """What tells a series from another without its colour."""
    mode = trace.get("mode", "")
    return (
        trace["type"],
        "markers" in mode and trace.get("marker", {}).get("symbol", "circle"),
        "lines" in mode and trace.get("line", {}).get("dash", "solid"),
    )


def test_chart_series_differ_by_shape_and_name_not_colour_alone(sample_html):
    seen = set()
    for html in sample_html.values():
        for figure in figures_in(html):
            shown = [t for t in figure["data"] if t["x"] and t.get("showlegend", True)]
            if figure["layout"]["showlegend"]:
                # Each series in the legend: its name, and a shape no other series has.
                assert all(t["name"].strip() for t in shown)
                assert len({shape(t) for t in shown}) == len(shown), [shape(t) for t in shown]
            else:
                # A bullet: one bar and one diamond, whose text is written above the plot.
                assert len({shape(t) for t in shown}) == len(shown)
                for annotation in figure["layout"].get("annotations", []):
                    assert annotation["text"].strip()
            seen |= {shape(t) for t in shown}
    assert ("bar", False, False) in seen
    assert ("scatter", "diamond", "solid") in seen
    assert ("scatter", False, "dash") in seen


class Markup(HTMLParser):
    """Presentational tags and attributes (RGAA glossary), style attributes, badges."""

    TAGS = {"basefont", "big", "blink", "center", "font", "marquee", "s", "strike", "tt", "u"}
    ATTRIBUTES = {
        "align", "alink", "background", "bgcolor", "border", "cellpadding", "cellspacing",
        "char", "charoff", "clear", "color", "compact", "frameborder", "hspace", "link",
        "marginheight", "marginwidth", "text", "valign", "vlink", "vspace",
    }  # fmt: skip
    SIZED = {"img", "svg", "canvas", "object", "embed", "iframe", "video"}

    def __init__(self):
        super().__init__()
        self.faults, self.badges, self.open_badge, self.badge_text = [], [], 0, ""

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.TAGS:
            self.faults.append(f"<{tag}>")
        for name in names & self.ATTRIBUTES | ({"style"} & names):
            self.faults.append(f"<{tag} {name}>")
        if names & {"width", "height"} and tag not in self.SIZED:
            self.faults.append(f"<{tag} width/height>")
        if "size" in names and tag not in {"select", "input"}:
            self.faults.append(f"<{tag} size>")
        if tag in {"progress", "meter"}:
            self.faults.append(f"<{tag}> : une barre de progression dit-elle sa valeur ?")
        if self.open_badge:
            self.open_badge += 1
        elif "badge" in classes:
            self.open_badge, self.badge_text = 1, ""

    def handle_endtag(self, tag):
        if self.open_badge:
            self.open_badge -= 1
            if not self.open_badge:
                self.badges.append(self.badge_text.strip())

    def handle_data(self, data):
        if self.open_badge:
            self.badge_text += data


def test_badges_say_their_status_in_words(sample_html):
    badges = []
    for html in sample_html.values():
        parser = Markup()
        parser.feed(html)
        badges += parser.badges
    assert len(badges) > 20
    # A symbol (aria-hidden) and a word: « ✓ atteint », never a coloured dot alone.
    assert all(re.search(r"\w{3,}", badge) for badge in badges), badges


# --- 10.1, 10.9, 10.10: the markup and the words -------------------------------------


def test_sample_pages_leave_presentation_to_the_stylesheet(sample_html):
    for (url, language), html in sample_html.items():
        parser = Markup()
        parser.feed(html)
        assert parser.faults == [], f"{url} ({language})"
        # No letters spaced out by spaces (« P L A N ») to look wide.
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S))
        assert not re.search(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)", text), url


# Words that send a reader to a place, a shape, a size or a colour of the screen.
POSITIONAL = re.compile(
    r"\b(à (droite|gauche)|en (haut|bas) de (la|l’|l')? ?(page|écran)|ci-contre|"
    r"(colonne|encadré|bouton) (de droite|de gauche|rond|carré|vert|rouge|orange|bleu)|"
    r"en (rouge|vert|orange|bleu)\b|(on|to) the (right|left)|"
    r"(green|red|orange|blue|round|square) (button|box|bar)|(above|below) the (chart|table))",
    re.IGNORECASE,
)


def test_no_text_points_by_position_shape_size_or_colour(sample_html):
    for (url, language), html in sample_html.items():
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S))
        found = POSITIONAL.search(text)
        assert not found, f"{url} ({language}) : « {found and found[0]} »"
    assert POSITIONAL.search("le bouton rouge à droite")


# --- 10.5, 10.14: the stylesheet ------------------------------------------------------


def rules(css: str) -> list[tuple[str, dict]]:
    """(selector, {property: value}) of every rule, media queries flattened."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {
            part.split(":", 1)[0].strip(): part.split(":", 1)[1].strip()
            for part in body.split(";")
            if ":" in part
        }
        found.append((selector.strip(), declarations))
    return found


def test_root_declares_the_text_colour_with_its_background():
    declared = {}
    for selector, declarations in rules(STYLESHEET):
        for one in selector.split(","):
            declared.setdefault(one.strip(), {}).update(declarations)
    for root in (":root", "body"):
        backgrounds = {k: v for k, v in declared[root].items() if k.startswith("background")}
        assert backgrounds, f"{root} : couleur de fond non déclarée"
    assert declared[":root"]["color"]
    # A rule that writes light text paints its own dark background.
    for selector, declarations in rules(STYLESHEET):
        if declarations.get("color", "").lower() in ("#fff", "#ffffff", "white"):
            painted = any(k.startswith("background") for k in declarations)
            assert painted or selector_on_dark(selector), selector


def selector_on_dark(selector: str) -> bool:
    """Light text inside the blue header, whose background the header rule declares."""
    return all(
        re.match(r"\s*(\.brand|\.main-nav|\.user-nav|\.language-switcher|\.link-button)", part)
        for part in selector.split(",")
    )


# What a hover rule may only show if the focus shows it too (RGAA 10.14).
REVEALING = {
    "display", "visibility", "opacity", "content", "clip", "clip-path", "position", "left",
    "right", "top", "bottom", "transform", "height", "max-height", "width", "overflow",
}  # fmt: skip


def shown_on_hover_only(css: str) -> list[str]:
    """Selectors whose hover shows something (REVEALING) that no focus rule shows."""
    selectors = {one.strip() for s, _ in rules(css) for one in s.split(",")}
    faults = []
    for selector, declarations in rules(css):
        if ":hover" not in selector or not REVEALING & set(declarations):
            continue
        for one in selector.split(","):
            focus = {
                one.replace(":hover", f) for f in (":focus", ":focus-visible", ":focus-within")
            }
            if not focus & {s.strip() for s in selectors}:
                faults.append(one.strip())
    return faults


def test_what_a_hover_shows_the_focus_shows_too():
    assert any(":hover" in selector for selector, _ in rules(STYLESHEET))
    assert shown_on_hover_only(STYLESHEET) == []
    # A tooltip (fictif) shown on hover only is found; with its focus rule it is not.
    tooltip = ".tip { display: none; } .term:hover .tip { display: block; }"
    assert shown_on_hover_only(tooltip) == [".term:hover .tip"]
    assert shown_on_hover_only(tooltip + " .term:focus .tip { display: block; }") == []


# --- 13.10, 13.11: the pointer ---------------------------------------------------------


def test_charts_take_no_drag_wheel_or_double_click(sample_html):
    config = chart_style.CHART_CONFIG
    assert config["scrollZoom"] is False
    assert config["doubleClick"] is False
    assert config["displayModeBar"] is False
    count = 0
    for html in sample_html.values():
        assert '<script id="chart-config"' not in html or json.loads(
            re.search(r'<script id="chart-config" type="application/json">(.*?)</script>', html)[1]
        ) == json.loads(json.dumps(config))
        for figure in figures_in(html):
            layout = figure["layout"]
            assert layout["dragmode"] is False
            for axis in ("xaxis", "yaxis"):
                assert layout[axis]["fixedrange"] is True
            if layout["showlegend"]:
                # A legend click would hide a series: by the mouse only.
                assert layout["legend"]["itemclick"] is False
                assert layout["legend"]["itemdoubleclick"] is False
            count += 1
    assert count > 20


POINTER_DOWN = re.compile(r"mousedown|pointerdown|touchstart|onmouse|onpointer|ontouch", re.I)
# charts.js keeps the events a hover label receives from Plotly, which would otherwise
# pass them on to the plot by rewriting their target (a TypeError): it stops them, and
# does nothing else with them.
KEPT_BY_LABELS = 'var KEPT_BY_LABELS = ["mousemove", "mousedown", "click"];'


def test_no_script_or_page_acts_on_a_pointer_press():
    """Actions come with a click (a press then a release on the same element, which the
    reader can cancel by moving away before releasing), never with the press itself."""
    scripts = list((ROOT / "static" / "js").glob("*.js"))
    templates = list((ROOT / "templates").rglob("*.html"))
    assert scripts
    assert templates
    charts = (ROOT / "static" / "js" / "charts.js").read_text(encoding="utf-8")
    assert charts.count(KEPT_BY_LABELS) == 1
    assert "KEPT_BY_LABELS.forEach" in charts
    for path in scripts + templates:
        text = path.read_text(encoding="utf-8").replace(KEPT_BY_LABELS, "")
        assert not POINTER_DOWN.search(text), path
