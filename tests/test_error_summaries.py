"""Every form's error summary can take the focus after an invalid submit (RGAA 11.10):
it has an id the form posts to, or it takes the focus on load (the login and second-factor
forms, which pass the reader on to the page they asked for). The browser side is in
``tests/e2e/test_error_focus.py``."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INCLUDE = re.compile(r".*form_errors\.html.*")


def test_every_included_error_summary_is_named():
    lines = [
        (path.relative_to(TEMPLATES), line)
        for path in TEMPLATES.rglob("*.html")
        for line in INCLUDE.findall(path.read_text(encoding="utf-8"))
        if path.name != "form_errors.html"
    ]
    assert len(lines) >= 10
    unnamed = [(str(path), line.strip()) for path, line in lines if "summary_id" not in line]
    assert unnamed == []


@pytest.mark.django_db
def test_a_refused_login_comes_back_with_its_summary_focused_on_load(client, seed_plan):
    response = client.post(reverse("login"), {"username": "personne", "password": "non"})
    html = response.content.decode()
    assert re.search(
        r'<div class="form-errors" role="alert" id="erreurs-connexion" '
        r'tabindex="-1" autofocus>',
        html,
    )
    # The login form posts to its own address: a link's fragment is kept through the login.
    assert '<form method="post" class="stacked-form" novalidate>' in html
