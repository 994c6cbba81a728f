"""What the review queue shows a validator, its filters, « tout sélectionner » and the
one-step validation and publication."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from core.workflow import EntryStatus
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, ReportingYear, ReportRow
from tests.accounts import indicator_post, indicator_url, login
from tests.entry.actions import review, submit

pytestmark = pytest.mark.django_db

LONG_BILAN = "**Bilan.** " + "Une phrase longue du bilan de la mesure. " * 8 + "FIN-DU-BILAN"
LONG_PLAN = "Plan d'action : <script>alert(1)</script> " + "suite du plan. " * 12 + "FIN-DU-PLAN"


def queue_html(client, **params):
    response = client.get(reverse("entry:review"), params)
    assert response.status_code == 200
    return response.content.decode()


def items(html) -> list[str]:
    """The queue's lines, each as its HTML."""
    return re.findall(r'<li class="review-item.*?</li>', html, re.S)


def item_for(html, token) -> str:
    return next(item for item in items(html) if f'value="{token}"' in item)


def submitted_result(indicator, year, value, editor, **fields):
    return YearResult.objects.create(
        indicator=indicator,
        year=year,
        value=Decimal(value),
        status=EntryStatus.SUBMITTED,
        entered_by=editor,
        **fields,
    )


def test_a_result_and_a_target_of_the_same_year_are_two_distinct_lines(
    client, editor, reviewer, louez_solidaire
):
    result = submitted_result(louez_solidaire, 2024, 80, editor)
    target = YearTarget.objects.create(
        indicator=louez_solidaire,
        year=2024,
        value=Decimal(78),
        comparator="at_least",
        status=EntryStatus.SUBMITTED,
        entered_by=editor,
    )
    login(client, reviewer)
    html = queue_html(client)
    result_line, target_line = (
        item_for(html, f"resultat:{result.pk}"),
        item_for(html, f"objectif:{target.pk}"),
    )
    assert '<span class="badge">Résultat</span>' in result_line
    assert '<span class="badge">Objectif</span>' in target_line
    for line in (result_line, target_line):
        assert "Logements Louez solidaire captés dans l&#x27;année</span> — 2024" in line
        assert f'<a href="{reverse("indicators:measure", args=[1])}">Mesure 1</a>' in line
    assert "Nouvelle valeur\xa0: au moins 78\xa0logements" in target_line
    assert "Nouvelle valeur\xa0: 80\xa0logements" in result_line


def test_a_result_shows_the_published_value_it_replaces_and_everything_about_it(
    client, editor, reviewer, louez_solidaire
):
    correction = submitted_result(
        louez_solidaire,
        2022,
        74,
        editor,
        as_of=date(2022, 12, 31),
        source="DLH, bilan Louez solidaire",
        comment="Un logement compté en 2023 par erreur.",
        review_note="Source à préciser",
    )
    login(client, reviewer)
    line = item_for(queue_html(client), f"resultat:{correction.pk}")
    assert "Valeur publiée\xa0: 73\xa0logements" in line  # the seed's published 2022 result
    assert "Nouvelle valeur\xa0: 74\xa0logements" in line
    for shown in (
        "<dt>Valeur au</dt><dd>31 décembre 2022</dd>",
        "<dt>Source</dt><dd>DLH, bilan Louez solidaire</dd>",
        "<dt>Commentaire</dt><dd>Un logement compté en 2023 par erreur.</dd>",
        "<dt>Motif du dernier renvoi</dt><dd>Source à préciser</dd>",
        "<dt>Saisi par</dt><dd>agent</dd>",
    ):
        assert shown in line


def test_who_entered_it_and_when_comes_from_the_last_save(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2024),
        indicator_post(louez_solidaire, 2024, result_value="9"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2024)
    submit(client, result, "resultat")
    saved_at = result.history.filter(status="draft").latest("history_date").history_date
    login(client, reviewer)
    line = item_for(queue_html(client), f"resultat:{result.pk}")
    when = date_format(localtime(saved_at), "DATETIME_FORMAT")
    assert f"<dt>Saisi par</dt><dd>agent, le {when}</dd>" in line


def test_a_bilan_entry_shows_both_texts_whole_and_safely(client, editor, reviewer, seed_plan):
    published = BilanEntry.objects.filter(status=EntryStatus.PUBLISHED).first()
    entry = BilanEntry.objects.create(
        report_row=published.report_row,
        reporting_year=published.reporting_year,
        bilan_text=LONG_BILAN,
        action_plan_text=LONG_PLAN,
        status=EntryStatus.SUBMITTED,
        entered_by=editor,
    )
    login(client, reviewer)
    line = item_for(queue_html(client), f"texte:{entry.pk}")
    assert '<span class="badge">Texte du bilan et du plan d&#x27;action</span>' in line
    assert "<h4>Bilan 2022</h4>" in line
    assert "<h4>Plan d&#x27;action 2023</h4>" in line
    assert "FIN-DU-BILAN" in line  # no cut at 160 characters
    assert "FIN-DU-PLAN" in line
    assert "<strong>Bilan.</strong>" in line
    assert "<script>" not in line
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in line
    # The published texts it replaces are there to compare, folded.
    assert "Texte publié qu'il remplace" in line
    first_words = published.bilan_text.replace("**", "")[:30]
    assert first_words in line.replace("<strong>", "").replace("</strong>", "")


def test_a_milestone_status_shows_its_progress_and_note(client, editor, reviewer, seed_plan):
    milestone = Milestone.objects.filter(statuses__status=EntryStatus.PUBLISHED).first()
    published = milestone.statuses.get(status=EntryStatus.PUBLISHED)
    entry = MilestoneYearStatus.objects.create(
        milestone=milestone,
        year=published.year,
        progress="late",
        note="Le recrutement a pris du retard.",
        status=EntryStatus.SUBMITTED,
        entered_by=editor,
    )
    login(client, reviewer)
    line = item_for(queue_html(client), f"jalon:{entry.pk}")
    assert '<span class="badge">Statut de jalon</span>' in line
    assert f"Valeur publiée\xa0: {published.get_progress_display()}" in line
    assert "Nouvelle valeur\xa0: en retard" in line
    assert "<dt>Note</dt><dd>Le recrutement a pris du retard.</dd>" in line


@pytest.fixture
def mixed_queue(editor, louez_solidaire):
    """A result of measure 1, a target of another measure, a text of the unnumbered row."""
    other = Indicator.objects.exclude(report_row__measure__number=1).filter(
        report_row__measure__isnull=False
    )[0]
    unnumbered = ReportRow.objects.get(measure__isnull=True)
    return {
        "resultat": submitted_result(louez_solidaire, 2024, 80, editor),
        "objectif": YearTarget.objects.create(
            indicator=other, year=2024, value=5, status=EntryStatus.SUBMITTED, entered_by=editor
        ),
        "texte": BilanEntry.objects.create(
            report_row=unnumbered,
            reporting_year=ReportingYear.objects.get(year=2022),
            bilan_text="Attributions",
            status=EntryStatus.SUBMITTED,
            entered_by=editor,
        ),
        "other_measure": other.report_row.measure.number,
    }


def tokens(html) -> set[str]:
    return set(re.findall(r'name="entries" value="([a-z]+:\d+)"', html))


def test_filter_by_measure(client, reviewer, mixed_queue):
    login(client, reviewer)
    assert tokens(queue_html(client, mesure="1")) == {f"resultat:{mixed_queue['resultat'].pk}"}
    assert tokens(queue_html(client, mesure=str(mixed_queue["other_measure"]))) == {
        f"objectif:{mixed_queue['objectif'].pk}"
    }
    assert tokens(queue_html(client, mesure="sans")) == {f"texte:{mixed_queue['texte'].pk}"}


def test_filter_by_kind(client, reviewer, mixed_queue):
    login(client, reviewer)
    assert tokens(queue_html(client, type="objectif")) == {f"objectif:{mixed_queue['objectif'].pk}"}
    assert tokens(queue_html(client, type="jalon")) == set()
    html = queue_html(client, type="texte", mesure="sans")
    assert tokens(html) == {f"texte:{mixed_queue['texte'].pk}"}
    assert '<option value="texte" selected>' in html
    assert '<option value="sans" selected>' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"mesure": "99"}, "Mesure inconnue\xa0: le filtre par mesure est ignoré."),
        ({"mesure": "un"}, "Mesure inconnue\xa0: le filtre par mesure est ignoré."),
        ({"mesure": "9" * 5000}, "Mesure inconnue\xa0: le filtre par mesure est ignoré."),
        ({"mesure": "١"}, "Mesure inconnue\xa0: le filtre par mesure est ignoré."),
        ({"type": "engagements"}, "Sorte de saisie inconnue\xa0: le filtre par sorte est ignoré."),
        ({"type": "<b>x</b>"}, "Sorte de saisie inconnue\xa0: le filtre par sorte est ignoré."),
    ],
)
def test_a_bad_filter_is_ignored_with_a_french_message(
    client, reviewer, mixed_queue, params, message
):
    login(client, reviewer)
    html = queue_html(client, **params)
    assert message in html
    assert len(tokens(html)) == 3  # the whole queue
    assert "<b>x</b>" not in html


def test_select_all_checks_every_box_of_one_list_and_keeps_the_filter(
    client, editor, reviewer, louez_solidaire
):
    first = submitted_result(louez_solidaire, 2024, 80, editor)
    second = YearTarget.objects.create(
        indicator=louez_solidaire,
        year=2025,
        value=5,
        status=EntryStatus.SUBMITTED,
        entered_by=editor,
    )
    validated = submitted_result(louez_solidaire, 2025, 3, editor)
    validated.status = EntryStatus.VALIDATED
    validated.save()
    login(client, reviewer)
    html = queue_html(client)
    assert "checked" not in "".join(items(html))
    assert 'href="?tout=soumises#soumises"' in html

    html = queue_html(client, tout="soumises")
    checked = set(re.findall(r'value="([a-z]+:\d+)" id="[^"]+" checked', html))
    assert checked == {f"resultat:{first.pk}", f"objectif:{second.pk}"}
    assert 'href="?#soumises">Tout désélectionner' in html

    html = queue_html(client, mesure="1", tout="validees")
    checked = set(re.findall(r'value="([a-z]+:\d+)" id="[^"]+" checked', html))
    assert checked == {f"resultat:{validated.pk}"}
    assert 'href="?mesure=1&amp;tout=soumises#soumises"' in html


def test_validate_and_publish_in_one_step(client, editor, reviewer, louez_solidaire):
    correction = submitted_result(louez_solidaire, 2022, 74, editor)
    old = YearResult.objects.get(indicator=louez_solidaire, year=2022, status="published")
    login(client, reviewer)
    response = client.post(
        reverse("entry:review") + "?mesure=1",
        {"action": "valider-publier", "entries": [f"resultat:{correction.pk}"]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("entry:review") + "?mesure=1#messages"
    correction.refresh_from_db()
    old.refresh_from_db()
    assert (correction.status, correction.reviewed_by) == (EntryStatus.PUBLISHED, reviewer)
    assert old.status == EntryStatus.SUPERSEDED
    assert "1 saisie(s) validée(s) et publiée(s)." in queue_html(client)


def test_validate_and_publish_is_all_or_nothing(client, editor, reviewer, louez_solidaire):
    good = submitted_result(louez_solidaire, 2024, 80, editor)
    draft = YearTarget.objects.create(indicator=louez_solidaire, year=2024, value=5)
    login(client, reviewer)
    response = review(client, "valider-publier", f"resultat:{good.pk}", f"objectif:{draft.pk}")
    assert response.status_code == 400
    assert "Objectif « Logements Louez solidaire" in response.content.decode()
    good.refresh_from_db()
    assert (good.status, good.revision) == (EntryStatus.SUBMITTED, 1)


def test_a_refused_post_keeps_the_boxes_that_were_checked(
    client, editor, reviewer, louez_solidaire
):
    first = submitted_result(louez_solidaire, 2024, 80, editor)
    submitted_result(louez_solidaire, 2025, 81, editor)
    login(client, reviewer)
    response = review(client, "renvoyer", f"resultat:{first.pk}")  # no note: refused
    assert response.status_code == 400
    checked = re.findall(r'value="([a-z]+:\d+)" id="[^"]+" checked', response.content.decode())
    assert checked == [f"resultat:{first.pk}"]
