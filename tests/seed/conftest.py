"""The report's text, read once per module."""

import pytest

from tests.seed.report import HTML_TAG, normalise, read_report


@pytest.fixture(scope="module")
def raw_report() -> str:
    return read_report().replace("<sup>e</sup>", "e")


@pytest.fixture(scope="module")
def report_text(raw_report) -> str:
    """The report as plain text: no HTML tags, no Markdown bold markers."""
    return normalise(HTML_TAG.sub("", raw_report).replace("**", ""))
