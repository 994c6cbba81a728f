"""A Django comment ``{# … #}`` ends on its line: one spread over several lines is printed
on the page as text. Longer comments are ``{% comment %}`` blocks."""

from pathlib import Path

from django.conf import settings


def test_no_template_comment_spans_lines():
    templates = Path(settings.BASE_DIR) / "templates"
    unclosed = [
        f"{path.relative_to(templates)}:{number}"
        for path in sorted(templates.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert unclosed == []
