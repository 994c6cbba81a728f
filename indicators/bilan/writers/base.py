"""What an export format of the bilan is: the registry (``writers/__init__.py``) lists them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from core.text_safety import printable_copy
from indicators.bilan.shaping import Bilan


@dataclass(frozen=True)
class ExportFormat:
    """A file the bilan is written in: ``name`` is its extension and its name in the URLs.

    Used for the yearly bilan (a ``Bilan``) and for the final bilan of the plan (a
    ``FinalBilan``, ``indicators.bilan.final_export``).

    ``is_text`` formats are UTF-8 text, which the command may write to stdout;
    ``with_indicators`` says whether the writer needs the "Indicateurs" part.
    Call ``write``, not ``writer``: it hands the writer printable text only.
    """

    name: str
    label: Promise
    content_type: str
    writer: Callable[[Bilan | Any], str | bytes] = field(repr=False)
    is_text: bool = False
    with_indicators: bool = True

    def write(self, bilan: Bilan | Any) -> str | bytes:
        """The bilan in this format, written from texts without invisible characters.

        ``load_bilan`` already removes them; a bilan built another way gets the
        same treatment here, since XML refuses most of them (XLSX, DOCX).
        """
        return self.writer(printable_copy(bilan))
