"""The restricted markup of the plan's texts: a small Markdown, rendered safe.

Staff write paragraphs (blank line between them), **bold** for the key facts,
*italics* and simple lists. Raw HTML typed into a text is shown as text, never
interpreted; the rendered HTML is then filtered to an allowlist of tags, so a
bug in either step cannot let a script through.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "br"}

_renderer = MarkdownIt("zero", {"html": False, "breaks": False}).enable(
    ["emphasis", "list", "newline", "escape", "backticks"]
)
# `backticks` is enabled only so that a stray backtick renders as text the
# way users expect; <code> is not in the allowlist, so its content stays text.


def render_markup(text: str) -> SafeString:
    """HTML for a text in the restricted markup, safe to put in a page."""
    html = _renderer.render(text or "")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={}))


_STRONG = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", re.DOTALL)
_BLANK_LINES = re.compile(r"\n\s*\n")
# Ordinary whitespace only: the no-break spaces inside figures (1 910) must stay.
_ORDINARY_SPACES = re.compile(r"[ \t\r\n]+")


def markup_to_plain_text(text: str) -> str:
    """The text without markup characters, paragraphs joined by a blank line.

    Used where formatting cannot travel: spreadsheet cells, page titles.
    """
    plain = _STRONG.sub(r"\1", text or "")
    plain = _EMPHASIS.sub(r"\1", plain)
    paragraphs = [_ORDINARY_SPACES.sub(" ", p).strip() for p in _BLANK_LINES.split(plain.strip())]
    return "\n\n".join(p for p in paragraphs if p)


def markup_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, each still in markup."""
    return [p.strip() for p in _BLANK_LINES.split((text or "").strip()) if p.strip()]
