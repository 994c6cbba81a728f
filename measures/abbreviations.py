"""The plan's acronyms wrapped in ``<abbr>`` on an HTML page, and found in plain text.

Pure text work, no Django: ``measures.glossary`` builds an ``Abbreviations``
from the glossary terms, the middleware (``ldaplan.middleware``) wraps every
HTML page with it, and the bilan exports list the terms their texts use.

What is wrapped: an acronym that has an expansion, as a whole word (a letter,
digit, underscore or hyphen next to it makes it part of a longer word:
« ESI » is not wrapped inside « ESIS », « LDA » not inside « AMI2-LDA »), the
longest first (« AMI LDA » is one ``abbr``), in the page's text only: never in
an attribute, a comment, the ``<head>`` (so never the ``<title>``), nor inside
``script``, ``style``, ``textarea``, ``select``/``option``, ``svg``, ``math``,
``template`` or an ``abbr`` already there.

The first occurrence of a term on a page also carries its expansion in a
visually hidden span, so that a screen reader reads it (``title`` alone is read
by few); the later ones carry the ``title`` only. ``unwrap`` takes all of it
away again: the page's text underneath is unchanged, byte for byte.
"""

import re
from bisect import bisect_right
from collections.abc import Iterable
from html import escape

# A start tag's attributes: quoted values may hold « > ».
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# Elements whose text is never wrapped; the <head> holds the <title>.
SKIPPED_ELEMENTS = (
    "head",
    "script",
    "style",
    "textarea",
    "title",
    "abbr",
    "select",
    "option",
    "optgroup",
    "datalist",
    "svg",
    "math",
    "template",
)
# The stretches of a page never wrapped: comments, and skipped elements, content included.
_SKIPPED = re.compile(
    rf"<!--.*?-->|<({'|'.join(SKIPPED_ELEMENTS)})\b{_ATTRIBUTES}>.*?</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
# A tag (or declaration) that starts where a « < » is.
_TAG = re.compile(rf"</?[a-zA-Z!?]{_ATTRIBUTES}>")
# What continues a word: an acronym next to one of these is part of a longer word.
_WORD_CHARACTER = re.compile(r"[\w-]")

WRAPPED_CLASS = "glossary-term"
EXPANSION_CLASS = "visually-hidden glossary-expansion"

_UNWRAP = re.compile(
    rf'<abbr class="{WRAPPED_CLASS}"[^>]*>(.*?)'
    rf'(?:<span class="{EXPANSION_CLASS}">[^<]*</span>)?</abbr>',
    re.DOTALL,
)


def unwrap(html: str) -> str:
    """``html`` without what ``Abbreviations.wrap`` added: the text it had before."""
    return _UNWRAP.sub(r"\1", html)


def _key(acronym: str) -> str:
    """« AMI  LDA » and « AMI LDA » (or with a no-break space) are the same term."""
    return " ".join(acronym.split())


class Abbreviations:
    """Acronyms and their expansions, compiled once into one pattern."""

    def __init__(self, terms: Iterable[tuple[str, str]]):
        self.expansions = {
            _key(acronym): expansion.strip()
            for acronym, expansion in terms
            if _key(acronym) and expansion.strip()
        }
        self._escaped = {key: escape(expansion) for key, expansion in self.expansions.items()}
        # Longest first: « AMI LDA » before a shorter term it would start with.
        alternatives = [
            r"\s+".join(re.escape(part) for part in acronym.split())
            for acronym in sorted(self.expansions, key=lambda a: (-len(a), a))
        ]
        # The word boundary before a term is checked on each match (``_matches``):
        # a pattern that starts with the terms' letters is scanned much faster.
        self.pattern = (
            re.compile("(?:" + "|".join(alternatives) + r")(?![\w-])") if alternatives else None
        )

    def __bool__(self) -> bool:
        return self.pattern is not None

    def _matches(self, text: str):
        """The terms in ``text`` that are whole words, the longest at each place."""
        match = self.pattern.search(text) if self.pattern is not None else None
        while match is not None:
            start = match.start()
            if start and _WORD_CHARACTER.match(text, start - 1):
                match = self.pattern.search(text, start + 1)
                continue
            yield match
            match = self.pattern.search(text, match.end())

    def found_in(self, text: str) -> set[str]:
        """The acronyms (as listed) that occur in the plain ``text``."""
        return {_key(match.group()) for match in self._matches(text)}

    def wrap(self, html: str, *, foreign: bool = False) -> str:
        """``html`` with each acronym of its text in an ``<abbr>``.

        ``foreign``: the page is not in French, so each ``abbr`` says its term is
        (``lang="fr"``), and a screen reader reads the expansion in French.
        """
        matches = [match for match in self._matches(html) if _in_text(html, match.start())]
        if not matches:
            return html
        skipped = [found.span() for found in _SKIPPED.finditer(html)]
        skipped_starts = [start for start, _end in skipped]
        seen: set[str] = set()
        lang = ' lang="fr"' if foreign else ""
        parts = []
        position = 0
        for match in matches:
            start, end = match.span()
            region = bisect_right(skipped_starts, start) - 1
            if region >= 0 and start < skipped[region][1]:
                continue
            key = _key(match.group())
            expansion = self._escaped[key]
            hidden = ""
            if key not in seen:
                seen.add(key)
                hidden = f'<span class="{EXPANSION_CLASS}"> ({expansion})</span>'
            parts += [
                html[position:start],
                f'<abbr class="{WRAPPED_CLASS}" title="{expansion}"{lang}>',
                match.group(),
                hidden,
                "</abbr>",
            ]
            position = end
        if not parts:
            return html
        parts.append(html[position:])
        return "".join(parts)


def _in_text(html: str, position: int) -> bool:
    """Whether ``position`` is in the page's text, not inside a tag (its attributes)."""
    opening = html.rfind("<", 0, position)
    if opening < 0:
        return True
    tag = _TAG.match(html, opening)
    return tag is None or tag.end() <= position
