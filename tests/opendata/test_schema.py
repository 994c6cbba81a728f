"""The open-data schema is documented where readers look, and matches the files."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from indicators.schema import COLUMNS, FIELDNAMES

pytestmark = pytest.mark.django_db


def readme_columns() -> list[str]:
    """The column names of the README's table of the open-data columns."""
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Données ouvertes et API") :]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


def test_the_readme_lists_every_column_in_order():
    assert readme_columns() == FIELDNAMES


def test_the_table_schema_lists_every_column_with_its_type(client, seed_plan):
    response = client.get(reverse("opendata:schema_json"))
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert [field["name"] for field in schema["fields"]] == FIELDNAMES
    assert {field["type"] for field in schema["fields"]} <= {
        "string",
        "integer",
        "number",
        "boolean",
        "date",
    }
    assert all(field["description"] for field in schema["fields"])


def test_the_page_documents_every_column_of_the_file(client, seed_plan):
    html = client.get(reverse("opendata:index")).content.decode()
    files_table = html[: html.index('id="colonnes-feuille"')]
    documented = re.findall(r'<th scope="row"><code>([a-z_]+)</code></th>', files_table)
    text = client.get(reverse("opendata:values_csv")).content.decode("utf-8")
    assert documented == text[1:].splitlines()[0].split(",") == FIELDNAMES


def test_every_column_has_an_example_of_its_type():
    for column in COLUMNS:
        if column.example and column.type == "integer":
            assert column.example.isdigit(), column.name
        if column.example and column.type == "boolean":
            assert column.example in ("true", "false"), column.name
