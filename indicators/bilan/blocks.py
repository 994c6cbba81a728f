"""The restricted markup read into paragraphs of runs, for the writers that keep bold and italics.

DOCX writes its paragraphs run by run, so it reads the safe HTML that
``render_markup`` makes: the same paragraphs, bold and lists as the page.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from measures.markup import render_markup


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph of a text: its runs, and "•" or "1." when it is a list item."""

    runs: tuple[Run, ...]
    marker: str = ""


class _BlockParser(HTMLParser):
    """Reads the safe HTML of ``render_markup`` (p, strong, em, ul, ol, li, br) into blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.marker = ""
        self.bold = self.italic = 0
        self.lists: list[list] = []  # [kind, next number]

    def flush(self):
        """Close the block being read, if it has any text."""
        if "".join(run.text for run in self.runs).strip():
            runs = [r for r in self.runs if r.text]
            runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
            runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
            self.blocks.append(Block(tuple(r for r in runs if r.text), self.marker))
            self.marker = ""
        self.runs = []

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "li", "ul", "ol"}:
            self.flush()
        if tag == "li" and self.lists:
            kind = self.lists[-1]
            self.marker = "•" if kind[0] == "ul" else f"{kind[1]}."
            kind[1] += 1
        elif tag in {"ul", "ol"}:
            self.lists.append([tag, 1])
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "br":
            self.runs.append(Run("\n", bool(self.bold), bool(self.italic)))

    def handle_endtag(self, tag):
        if tag in {"p", "li"}:
            self.flush()
        elif tag in {"ul", "ol"}:
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "strong":
            self.bold -= 1
        elif tag == "em":
            self.italic -= 1

    def handle_data(self, data):
        if not self.runs and not data.strip():
            return
        self.runs.append(Run(" ".join(data.split("\n")), bool(self.bold), bool(self.italic)))


def markup_blocks(text: str) -> list[Block]:
    """The paragraphs of a text in the restricted markup, as runs with bold and italics.

    >>> blocks = markup_blocks("La **captation** de 73\\n\\n- un\\n- deux")
    >>> [[(run.text, run.bold) for run in block.runs] for block in blocks]
    [[('La ', False), ('captation', True), (' de 73', False)], [('un', False)], [('deux', False)]]
    >>> [block.marker for block in blocks]
    ['', '•', '•']
    """
    parser = _BlockParser()
    parser.feed(str(render_markup(text)))
    parser.close()
    parser.flush()
    return parser.blocks
