"""What an export format of the bilan is: the registry (``writers/__init__.py``) lists them."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from indicators.bilan.shaping import Bilan


@dataclass(frozen=True)
class ExportFormat:
    """A file the bilan is written in: ``name`` is its extension and its name in the URLs.

    ``is_text`` formats are UTF-8 text, which the command may write to stdout;
    ``with_indicators`` says whether the writer needs the "Indicateurs" part.
    """

    name: str
    label: Promise
    content_type: str
    writer: Callable[[Bilan], str | bytes] = field(repr=False)
    is_text: bool = False
    with_indicators: bool = True
