"""Text cells that a spreadsheet would run as a formula, made inert (CSV injection).

A CSV file opened in a spreadsheet turns a cell starting with ``=``, ``+``,
``-`` or ``@`` (and, in some programs, a tab or a carriage return) into a
formula, which can reach the network or run a command. OWASP's advice: start
such a cell with a single quote, which spreadsheets show as text and hide.
A cell that is a plain number (``-12``, ``+3,5``) stays as it is: it is a
figure, and no spreadsheet runs it.
"""

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def inert_cell(value: str) -> str:
    """``value`` as a CSV cell no spreadsheet will evaluate.

    >>> inert_cell('=HYPERLINK("http://example.org")')
    '\\'=HYPERLINK("http://example.org")'
    >>> inert_cell("@SUM(A1)"), inert_cell("\\tx")
    ("'@SUM(A1)", "'\\tx")
    >>> inert_cell("-12,5"), inert_cell("Louez solidaire"), inert_cell("")
    ('-12,5', 'Louez solidaire', '')
    """
    if value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
