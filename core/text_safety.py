"""Invisible characters a text of the plan must not hold, refused when typed, removed when written.

Control characters (C0 but tab, line feed and carriage return; DEL and C1),
the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069) and the non-characters U+FFFE and U+FFFF never belong in a
bilan text, a label or a comment: nobody means them, they come from a paste or
an attack. XML refuses most of them, so the XLSX and DOCX writers fail on
them; the bidirectional ones turn the text around on screen and hide what it
says ("Trojan Source").

Every form refuses them with a French message (``refuse_invisible_characters``);
what an older version of the site let through is cleaned where it is written
out (``printable``, ``printable_copy``).
"""

import dataclasses
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVISIBLE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)
# The ones that separate words or lines become a space, so words never run together.
SEPARATING = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")


def refuse_invisible_characters(text: str) -> None:
    """Form validator: a French message naming the first invisible character, by its code.

    >>> refuse_invisible_characters("La **captation** de 73 logements\\r\\n\\tet plus")
    >>> try:
    ...     refuse_invisible_characters("avant\x1bapres")
    ... except ValidationError as error:
    ...     print(error.messages[0][:61])
    Ce texte contient un caractère invisible non accepté (U+001B)
    """
    found = INVISIBLE_CHARACTERS.search(text or "")
    if found:
        raise ValidationError(
            _(
                "Ce texte contient un caractère invisible non accepté (%(code)s), souvent "
                "venu d'un copier-coller : retapez le passage où il se trouve."
            ),
            code="invisible_character",
            params={"code": f"U+{ord(found.group()):04X}"},
        )


def printable(text: str) -> str:
    """``text`` without its invisible characters; those that separate words become a space.

    >>> printable("a\\x1b[31mb\\x07 \\u202eevil\\x0bend\\r\\n\\tok")
    'a[31mb evil end\\r\\n\\tok'
    """
    if not INVISIBLE_CHARACTERS.search(text):
        return text
    return INVISIBLE_CHARACTERS.sub(lambda m: " " if m.group() in SEPARATING else "", text)


def printable_copy(value):
    """``value`` with every text in it made ``printable``: strings, tuples, lists,
    dicts and dataclasses, through and through; the same object when nothing changes.

    >>> printable_copy({"label": "x\\x1b", "values": (1, "\\u2066y")})
    {'label': 'x', 'values': (1, 'y')}
    """
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple | list):
        items = [printable_copy(item) for item in value]
        unchanged = all(new is old for new, old in zip(items, value, strict=True))
        return value if unchanged else type(value)(items)
    if isinstance(value, dict):
        return {key: printable_copy(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = printable_copy(old)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
