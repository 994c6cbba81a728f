"""Hostile values and the helpers the hostile-input tests share (see test_hostile_forms.py)."""

import re
from contextlib import contextmanager
from decimal import Decimal
from urllib.parse import quote

from django.db import transaction
from hypothesis import strategies as st

from indicators.models import MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, CommitmentMark

# --- Values -------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
HOSTILE_TEXT = [
    "",
    " ",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "' OR 1=1 --",
    "1; DROP TABLE indicators_yearresult; --",
    "'); DELETE FROM auth_user; --",
    "\x00",
    "avant\x00après",
    "a\x1b[31mb\x07",
    "\u202eevil",
    "ligne\x0bverticale",
    "page\x0csuivante",
    "\u202adébut\u202c \u202dforcé\u202c",
    "\u2066isolé\u2069 \u2067droite\u2069 \u2068auto\u2069",
    "effacé\x7f",
    "ligne\x85suivante",
    "non\ufffecaractère\uffff",
    "{{ 7*7 }}{% debug %}",
    "%(value)s %s {0}",
    "../../../etc/passwd",
    "**gras** <b>html</b>",
    "é" * 6000,
    "x" * 100_000,
]
HOSTILE_NUMBERS = [
    "0",
    "-0",
    "-1",
    "-0.01",
    "1e400",
    "1E-400",
    "9" * 30,
    "99999999999999.99",
    "999999999999.99",
    "NaN",
    "-nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1,5",
    "1.5",
    "1 000,50",
    "1\u202f000",
    "1\u00a0000,5",
    "1'000",
    "1.000,5",
    "1,000.5",
    "1_000",
    "0x10",
    "١٢٣",
    "𝟙𝟚𝟛",
    "١٢٣٫٥",
    "12%",
    "+5",
    "+0",
    "-0,00",
    "1e2",
    "2,5E-3",
    "１２３",
    "٣",
    "1 91",
    "1,000,5",
    "--5",
    "5-",
    "",
]


# Control characters (C0 but tab, line feed and carriage return; DEL, C1), the
# bidirectional embeddings, overrides and isolates, and the non-characters XML refuses.
INVISIBLE = [
    *(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"),
    *(chr(code) for code in range(0x7F, 0xA0)),
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff",
]


def text_values():
    return st.one_of(
        st.sampled_from(HOSTILE_TEXT),
        st.text(max_size=60),
        st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
        # Ordinary text with an invisible character inside, where stripping cannot remove it.
        st.builds(
            "{}{}{}".format, st.text(max_size=20), st.sampled_from(INVISIBLE), st.text(max_size=20)
        ),
    )


def number_values():
    return st.one_of(
        st.sampled_from(HOSTILE_NUMBERS),
        st.decimals(min_value=0, max_value=10**12, places=2).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.floats().map(repr),
        st.integers().map(str),
        st.text(max_size=20),
    )


def id_values():
    """What a hidden id or revision field, or a year, may be made to say."""
    return st.one_of(
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        # "²" and "Ⅻ" are digits for str.isdigit() that int() refuses; "١٢٣" is 123.
        st.sampled_from(
            ["", "1", "0", "-1", "1.5", "1e3", "abc", "2023", "9" * 25, "²", "2²", "Ⅻ", "١٢٣"]
        ),
        st.text(max_size=10),
    )


def maybe(strategy):
    """The field sent with a value, or not sent at all (None)."""
    return st.one_of(st.none(), strategy)


# --- Helpers ------------------------------------------------------------------------------


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


ENTRY_MODELS = (YearResult, YearTarget, MilestoneYearStatus, BilanEntry, Commitment, CommitmentMark)


def entries_snapshot(but=None):
    """Every row the entry forms may write (but the values of indicator ``but``)."""
    snapshot = {}
    for model in ENTRY_MODELS:
        rows = model.objects.order_by("pk")
        if but is not None and model in (YearResult, YearTarget):
            rows = rows.exclude(indicator=but)
        snapshot[model.__name__] = [tuple(row.values()) for row in rows.values()]
    return snapshot


def before_but(before, indicator):
    """``before`` without the values of ``indicator``."""
    snapshot = dict(before)
    for model in (YearResult, YearTarget):
        kept = set(model.objects.exclude(indicator=indicator).values_list("pk", flat=True))
        snapshot[model.__name__] = [row for row in before[model.__name__] if row[0] in kept]
    return snapshot


TAG = re.compile(r"<\s*[a-zA-Z/!]")


def assert_printable(*texts):
    """No saved text holds an invisible character: every form refuses them."""
    for text in texts:
        found = sorted({character for character in text or "" if character in INVISIBLE})
        assert not found, f"saved with invisible characters {found!r}: {text[:60]!r}"


def assert_escaped(html: str, *texts):
    """No text the user typed that holds a tag comes back as a tag.

    The probe is the text from its first tag on, a few characters long: pages
    cut long texts (the review queue, the 404 page's reason).
    """
    for text in texts:
        found = TAG.search(text or "")
        if not found:
            continue
        probe = text[found.start() : found.start() + 8]
        if len(probe) >= 6:
            assert probe not in html, f"unescaped in the page: {text[:60]!r}"


def post_form(client, path, prefix, fields):
    data = {prefix + name: value for name, value in fields.items() if value is not None}
    return client.post(path, data)


# The French ways of writing a number: digits 0 to 9, thousands grouped by three with a
# space, a no-break or a narrow no-break space, a comma or a point for the decimal mark.
# Written here again, apart from core.numbers, so that the test checks the parser.
FRENCH_NUMBER = re.compile(
    r"(?P<whole>[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:[,.](?P<fraction>[0-9]+))?"
)


def french_decimal(text):
    """The value the form is expected to keep (None when it must refuse it)."""
    match = FRENCH_NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    whole = re.sub("[^0-9]", "", match["whole"])
    return Decimal(whole + (f".{match['fraction']}" if match["fraction"] else ""))


def url_part(value: str) -> str:
    """The value percent-encoded as a browser would put it in a path or a query."""
    return quote(value, safe="")
