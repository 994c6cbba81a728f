"""A page's HTML as a small tree, to read attributes and texts the way a test needs them.

Python's own parser (no dependency): each element has its tag, its attributes and its
children; ``text`` is what it says, ``find_all`` walks it in the page's order.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    @property
    def text(self) -> str:
        # ASCII white space only: a no-break space is part of the text (« 1 910 », « : »).
        joined = "".join(c if isinstance(c, str) else f" {c.text} " for c in self.children)
        return re.sub(r"[ \t\n\r\f]+", " ", joined).strip()

    def find_all(self, predicate) -> list["Element"]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if predicate(child):
                    found.append(child)
                found.extend(child.find_all(predicate))
        return found

    def by_id(self, element_id: str) -> "Element":
        (element,) = self.find_all(lambda e: e.attrs.get("id") == element_id)
        return element

    def tags(self, tag: str) -> list["Element"]:
        return self.find_all(lambda e: e.tag == tag)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag):
        # Close up to the matching element (HTML lets a few end tags be left out).
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
