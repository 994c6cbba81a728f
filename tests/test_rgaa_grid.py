"""The RGAA audit grid (docs/rgaa/grille.json) and the statement computed from it.

The grid may only say « conforme » or « non applicable » with a proof: a test that
exists, or a dated manual check saying who looked and how. The statement page reads
its state, rate and non-conformities from the grid, never more.
"""

import ast
import copy
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core import rgaa
from indicators import roles
from tests.accounts import login, make_user

ROOT = Path(__file__).resolve().parents[1]
GRID = rgaa.read_grid(ROOT / "docs" / "rgaa" / "grille.json")


def test_every_rgaa_criterion_is_in_the_grid_exactly_once():
    numbers = [criterion["numero"] for criterion in GRID["criteres"]]
    assert len(rgaa.CRITERION_NUMBERS) == 106
    assert Counter(numbers) == Counter(rgaa.CRITERION_NUMBERS)
    assert all(criterion["titre"].strip() for criterion in GRID["criteres"])


def test_every_status_is_one_of_the_three():
    for criterion in GRID["criteres"]:
        assert criterion["statut"] in rgaa.STATUSES, criterion["numero"]


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_met_or_not_applicable_criterion_has_a_proof_that_exists():
    for criterion in GRID["criteres"]:
        number = criterion["numero"]
        if criterion["statut"] == rgaa.NON_CONFORME:
            assert criterion.get("defaut", "").strip(), f"{number} : dire ce qui ne va pas"
            # The statement adds the full stop after it.
            assert not criterion["defaut"].endswith("."), number
            continue
        tests = criterion.get("tests", [])
        check = criterion.get("verification")
        assert tests or check, f"{number} : ni test ni vérification"
        for cited in tests:
            path, _, name = cited.partition("::")
            assert name.startswith("test_"), cited
            assert name in functions_in(ROOT / path), f"{number} : {cited} n'existe pas"
        if check:
            date.fromisoformat(check["date"])
            assert check["qui"].strip(), f"{number} : qui a vérifié ?"
            assert check["comment"].strip(), f"{number} : comment ?"


def test_only_assistive_technologies_listed_are_claimed():
    # None has been used yet: the statement must not name a screen reader.
    assert GRID["technologies_assistance"] == []
    assert set(GRID["outils"]) == {
        "Chromium (Debian)",
        "Playwright",
        "axe-core",
        "Nu Html Checker (vnu-jar)",
    }


@pytest.mark.parametrize("page", GRID["echantillon"], ids=lambda page: page["url"])
def test_every_sample_page_opens(client, seed_plan, page):
    response = client.get(page["url"])
    if page["acces"] == "public":
        assert response.status_code == 200
    else:
        # Staff pages send a visitor to the login page, and open for a validator who enters.
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
        user = make_user("validatrice", roles.REVIEWERS, measures=[1])
        user.groups.add(*user.groups.model.objects.filter(name=roles.EDITORS))
        login(client, user)
        assert client.get(page["url"]).status_code == 200


@pytest.mark.parametrize("url", ["/", "/bilan/2022/", "/accessibilite/", "/connexion/"])
def test_sample_pages_declare_doctype_language_and_title(client, seed_plan, url):
    html = client.get(url).content.decode()
    assert html.startswith("<!doctype html>")
    assert '<html lang="fr">' in html
    assert re.search(r"<title>[^<\s][^<]+</title>", html)


# A made-up grid (fictif) of four criteria: two met, one failing, one not applicable.
SMALL_GRID = {
    "outils": ["Chromium (Debian)", "Playwright", "axe-core"],
    "technologies_assistance": [],
    "echantillon": [{"nom": "Vue d'ensemble", "url": "/", "acces": "public"}],
    "criteres": [
        {"numero": "1.1", "titre": "Alternative", "statut": "conforme", "tests": []},
        {
            "numero": "2.1",
            "titre": "Titre de cadre",
            "statut": "non applicable",
            "verification": {"date": "2026-10-02", "qui": "équipe ldaplan", "comment": "revue"},
        },
        {
            "numero": "3.2",
            "titre": "Contraste",
            "statut": "conforme",
            "verification": {"date": "2026-11-05", "qui": "équipe ldaplan", "comment": "axe"},
        },
        {
            "numero": "7.5",
            "titre": "Messages de statut",
            "statut": "non conforme",
            "defaut": "pas annoncés",
        },
    ],
}


def use_grid(settings, tmp_path, grid):
    path = tmp_path / "grille.json"
    path.write_text(json.dumps(grid, ensure_ascii=False), encoding="utf-8")
    settings.LDAPLAN_RGAA_GRID = str(path)


def statement(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    return response.content.decode()


def test_state_follows_the_official_thresholds():
    assert rgaa.state_for(3, 3) == rgaa.TOTALLY
    assert rgaa.state_for(2, 3) == rgaa.PARTIALLY
    assert rgaa.state_for(1, 2) == rgaa.PARTIALLY  # 50 %
    assert rgaa.state_for(1, 3) == rgaa.NOT
    assert rgaa.state_for(0, 0) == rgaa.NOT
    # 199 of 200 is 99.5 %: floored to 99, never shown as 100.
    grid = {"criteres": [{"numero": f"1.{n}", "statut": "conforme"} for n in range(199)]}
    grid["criteres"].append({"numero": "2.1", "statut": "non conforme", "defaut": "x"})
    assert rgaa.conformity_of(grid).rate == 99


def test_statement_says_what_the_grid_proves(client, db, settings, tmp_path):
    use_grid(settings, tmp_path, SMALL_GRID)
    html = statement(client)
    # 2 met of 3 applicable: 66.7 %, floored.
    assert "<strong>partiellement conforme</strong>" in html
    assert "<strong>66\xa0% des critères du RGAA version 4.1 sont respectés</strong>" in html
    assert "2 critères respectés sur 3 applicables\xa0; 1 critères sont non applicables." in html
    assert 'Critère 7.5\xa0: <span lang="fr">Messages de statut.</span>' in html
    assert '<span lang="fr">Pas annoncés.</span>' in html
    assert "Critère 1.1" not in html
    assert "établie le 5 novembre 2026" in html
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group()
    assert "Accessibilité\xa0: partiellement conforme</a>" in footer

    # One criterion flipped to failing: 1 of 3, the state and rate fall.
    flipped = copy.deepcopy(SMALL_GRID)
    flipped["criteres"][2].update(statut="non conforme", defaut="contraste trop faible")
    use_grid(settings, tmp_path, flipped)
    html = statement(client)
    assert "<strong>non conforme</strong>" in html
    assert "<strong>33\xa0% des critères" in html
    assert "Critère 3.2\xa0:" in html
    assert "Accessibilité\xa0: non conforme</a>" in html

    # Every applicable criterion met: only then « totalement ».
    fixed = copy.deepcopy(SMALL_GRID)
    fixed["criteres"][3].update(statut="conforme", tests=[])
    use_grid(settings, tmp_path, fixed)
    html = statement(client)
    assert "<strong>totalement conforme</strong>" in html
    assert "<strong>100\xa0% des critères" in html
    assert "Non-conformités" in html
    assert "Aucune." in html


def test_statement_from_the_real_grid(client, seed_plan):
    conformity = rgaa.conformity_of(GRID)
    # Every applicable criterion of the grid is met, each with its proof (above).
    assert (conformity.state, conformity.rate, conformity.failures) == (rgaa.TOTALLY, 100, [])
    html = statement(client)
    assert f"<strong>{conformity.state}</strong>" in html
    assert f"<strong>{conformity.rate}\xa0% des critères" in html
    assert html.count("<li>Critère ") == len(conformity.failures)
    for page in GRID["echantillon"]:
        assert f"<code>{page['url']}</code>" in html
    # Only the tools really used; no screen reader is claimed.
    for word in ("NVDA", "JAWS", "VoiceOver", "TalkBack"):
        assert word not in html
    assert "Aucune technologie d'assistance" in html
    assert "Dérogations pour charge disproportionnée" in html
    assert "Contenus non soumis à l'obligation d'accessibilité" in html
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group()
    assert f"Accessibilité\xa0: {conformity.state}</a>" in footer


def test_statement_without_contact_or_plans_still_gives_the_recourse(client, db):
    html = statement(client)
    assert settings.LDAPLAN_ACCESSIBILITY_CONTACT == ""
    assert "Aucun moyen de contact n'est encore configuré" in html
    assert "mailto:" not in html
    assert html.count("pas encore publié.") == 2
    assert "09 69 39 00 00" in html
    assert "https://formulaire.defenseurdesdroits.fr/" in html
    assert "https://www.defenseurdesdroits.fr/saisir/delegues" in html
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07." in html


def test_statement_gives_the_configured_contact_and_plans(client, db, settings):
    settings.LDAPLAN_ACCESSIBILITY_CONTACT = "accessibilite@example.org"
    settings.LDAPLAN_ACCESSIBILITY_MULTIYEAR_PLAN = "https://example.org/schema.pdf"
    settings.LDAPLAN_ACCESSIBILITY_ACTION_PLAN = "https://example.org/plan-2026.pdf"
    html = statement(client)
    assert '<a href="mailto:accessibilite@example.org">' in html
    assert '<a href="https://example.org/schema.pdf">' in html
    assert '<a href="https://example.org/plan-2026.pdf">' in html
    assert "pas encore publié" not in html
    settings.LDAPLAN_ACCESSIBILITY_CONTACT = "https://example.org/contact/"
    html = statement(client)
    assert 'Formulaire de contact\xa0: <a href="https://example.org/contact/">' in html


def test_english_statement(client, db, settings, tmp_path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = statement(client)
    assert '<html lang="en">' in html
    assert "<h1>Accessibility statement</h1>" in html
    assert "Voies de recours" not in html
    # The grid's French words are marked French on the English page.
    assert '<a href="/glossaire/" lang="fr">Glossaire des sigles</a>' in html
    assert '<span lang="fr">File de validation</span> (staff only)' in html
    conformity = rgaa.conformity_of(GRID)
    state = {"non conforme": "not compliant", "partiellement conforme": "partially compliant"}
    assert f"<strong>{state.get(conformity.state, 'fully compliant')}</strong>" in html
    assert f"<strong>{conformity.rate}% of the RGAA version 4.1 criteria are met</strong>" in html
    # A failing criterion is named in English, its title and fault quoted in French.
    use_grid(settings, tmp_path, SMALL_GRID)
    html = statement(client)
    assert "<strong>partially compliant</strong>" in html
    assert 'Criterion 7.5: <span lang="fr">Messages de statut.</span>' in html
