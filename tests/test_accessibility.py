"""RGAA in the HTML itself: the statement, chart alternatives, errors, language of parts.

The browser journeys (tests/e2e) run axe-core and the keyboard on the drawn pages;
these tests pin what the server sends.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.rgaa import current_conformity
from indicators import roles
from indicators.models import Indicator
from tests.accounts import indicator_post, indicator_url, login, make_user


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_statement_states_the_grid_s_conformity_with_contact_and_recourse(client, db):
    # The statement is computed from docs/rgaa/grille.json (tests/test_rgaa_grid.py).
    state = current_conformity().state
    html = page(client, reverse("accessibility"))
    assert "<h1>Déclaration d'accessibilité</h1>" in html
    assert f"<strong>{state}</strong>" in html
    assert "RGAA" in html
    assert "Retour d'information et contact" in html
    assert "Défenseur des droits" in html
    assert "mailto:" not in html


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:overview"),
        reverse("indicators:measure", args=[1]),
        reverse("indicators:bilan", args=[2022]),
        reverse("login"),
    ],
)
def test_every_page_links_the_statement_and_skips_to_the_content(client, seed_plan, url):
    html = page(client, url)
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group()
    state = current_conformity().state
    assert f'<a href="{reverse("accessibility")}">Accessibilité\xa0: {state}</a>' in footer
    assert '<a class="skip-link" href="#contenu">Aller au contenu</a>' in html
    assert '<main id="contenu"' in html
    # The tab order is the page's order.
    assert not re.search(r'tabindex="[1-9]', html)


def test_each_chart_is_a_group_named_by_its_caption_with_a_data_table(client, seed_plan):
    html = page(client, reverse("indicators:measure", args=[1]), annee="2022")
    figures = re.findall(r'<figure class="chart-figure".*?</figure>', html, re.S)
    indicators = Indicator.objects.filter(report_row__measure__number=1).count()
    assert len(figures) == indicators
    for figure in figures:
        # RGAA 1.9 takes role="figure" or "group"; HTML allows only "figure" on a
        # figure that has a figcaption (the Nu Html Checker, tests/test_rgaa_validity.py).
        caption_id = re.search(r'role="figure" aria-labelledby="([^"]+)"', figure).group(1)
        sentence = re.search(rf'<figcaption id="{caption_id}">(.+?)</figcaption>', figure, re.S)
        assert sentence.group(1).strip()
        # The drawing's own name says what it is and does not repeat the caption.
        name = re.search(r'data-label="([^"]+)"', figure).group(1)
        assert name.startswith("Graphique\xa0: ")
        assert sentence.group(1).strip() not in name
        assert "<table" in figure
        assert "<caption>" in figure
        # The name goes on the drawing (charts.js), never on its container.
        assert 'role="img"' not in figure


def test_tables_that_scroll_on_a_phone_can_be_scrolled_by_keyboard(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[1]), annee="2022")
    containers = re.findall(r'<div class="table-container"[^>]*>', html)
    assert containers
    for container in containers:
        assert 'role="region"' in container
        assert 'tabindex="0"' in container
        assert re.search(r'aria-label="[^"]+"', container)


def test_the_plan_s_french_texts_are_marked_french_on_english_pages(client, seed_plan):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    measure = page(client, reverse("indicators:measure", args=[1]), annee="2022")
    assert '<html lang="en">' in measure
    assert measure.count('<div lang="fr">') >= 3  # ambition, bilan, action plan
    bilan = page(client, reverse("indicators:bilan", args=[2022]))
    assert '<td lang="fr"' in bilan


def test_a_form_error_is_announced_in_the_title_and_an_alert(client, seed_plan):
    editor = make_user("agent", roles.EDITORS, measures=[1])
    login(client, editor)
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    response = client.post(
        indicator_url(indicator, 2023), indicator_post(indicator, 2023, result_value="8O")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Erreur\xa0: ", html)
    # The error summary is an alert that the page opens at: it takes the focus.
    summary = f'<div class="form-errors" role="alert" id="indicateur-{indicator.pk}-2023-message"'
    assert summary + ' tabindex="-1">' in html
    # The field says it is wrong and points to its message.
    field = f"id_ind-{indicator.pk}-2023-result_value"
    assert f'<ul class="field-errors" id="{field}_error">' in html
    widget = re.search(rf'<input [^>]*id="{field}"[^>]*>', html).group()
    assert 'aria-invalid="true"' in widget
    assert f'aria-describedby="{field}_helptext {field}_error"' in widget
    # The form sends the page back to itself, at the error summary.
    assert f'#indicateur-{indicator.pk}-2023-message" id="indicateur-{indicator.pk}-2023"' in html


def test_status_messages_are_a_live_region_around_a_list(client, seed_plan):
    editor = make_user("agent", roles.EDITORS, measures=[1])
    login(client, editor)
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    response = client.post(
        indicator_url(indicator, 2023),
        indicator_post(indicator, 2023, result_value="80", target_value="75"),
        follow=True,
    )
    html = response.content.decode()
    # The message of a save is a status just above the form saved, where the page opens.
    assert response.redirect_chain[-1][0].endswith(f"#indicateur-{indicator.pk}-2023-message")
    assert re.search(
        rf'<p class="message form-notice success" role="status" '
        rf'id="indicateur-{indicator.pk}-2023-message" tabindex="-1">[^<]*</p>'
        # Between the states and the form: only the saved entries' pièces justificatives.
        rf'\s*<ul class="entry-states">.*?</ul>\s*(?:<details class="attachments".*?</details>\s*)*'
        rf'<form [^>]*id="indicateur-{indicator.pk}-2023"',
        html,
        re.S,
    )
    # Other messages (after submitting all, for instance) stay a live region around a list,
    # which the page opens at.
    response = client.post(reverse("entry:submit_all", args=[1]) + "?annee=2023", follow=True)
    assert response.redirect_chain[-1][0].endswith("#messages")
    assert re.search(
        r'<div role="status">\s*<ul class="messages" id="messages" tabindex="-1">',
        response.content.decode(),
    )


@pytest.mark.parametrize(
    ("url", "current"),
    [
        (reverse("indicators:overview"), "Vue d'ensemble"),
        (reverse("indicators:axis", args=[1]), "Axe 1"),
        (reverse("indicators:measure", args=[3]), "Mesure 3"),
        (reverse("indicators:bilan", args=[2022]), "Bilan annuel"),
        (reverse("glossary"), "Glossaire des sigles"),
    ],
)
def test_each_page_has_one_current_page(client, seed_plan, url, current):
    html = page(client, url)
    assert html.count('aria-current="page"') == 1
    assert re.search(rf'aria-current="page"[^>]*>{current}<', html)


def test_a_measure_page_marks_its_axis_as_the_current_section(client, seed_plan):
    html = page(client, reverse("indicators:measure", args=[3]))
    assert re.search(r'<a href="/axes/1/[^"]*" aria-current="true"', html)


def test_axis_table_measure_links_name_their_measure(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[1]), annee="2022")
    assert (
        '<a href="/mesures/1/"><span class="visually-hidden">Mesure </span>1'
        '<span class="visually-hidden">, <span lang="fr">Louez solidaire et sans risque</span>'
        "</span></a>"
    ) in html


def test_prose_columns_wrap(db):
    # Source and Commentaire are sentences: never cut at 1 280 px nor pushed sideways.
    css = (Path(__file__).parents[1] / "static" / "css" / "ldaplan.css").read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", css)
    assert [selector.strip() for selector, body in rules if "nowrap" in body] == [
        ".visually-hidden",
        ".badge",
    ]
