"""A save that changes nothing writes nothing, and every save says so in the form saved."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, CommitmentMark, ReportingYear, ReportRow
from tests.accounts import indicator_post, indicator_url, login
from tests.entry.actions import text_post

pytestmark = pytest.mark.django_db

NOTHING = "Aucune modification\xa0: rien n&#x27;a été enregistré."


def as_shown(form) -> dict:
    """The form's fields as the page shows them: what a browser sends back untouched."""
    return {form.add_prefix(name): form[name].value() or "" for name in form.fields}


def page_form(client, number, year, anchor):
    """The form ``anchor`` of the entry page of measure ``number`` for ``year``."""
    response = client.get(reverse("entry:measure", args=[number]), {"annee": year})
    context = response.context
    slots = [
        *(slot for _i, slots in context["indicator_blocks"] for slot in slots),
        *(slot for _m, slot in context["milestone_blocks"]),
        *(slot for _r, _c, slot in context["text_blocks"]),
    ]
    return next(slot.form for slot in slots if slot.anchor == anchor)


def written_rows():
    """Every row (and history row) a save could write."""
    models = (YearResult, YearTarget, MilestoneYearStatus, BilanEntry, CommitmentMark)
    return {
        model.__name__: (
            list(model.objects.order_by("pk").values_list("pk", "revision")),
            model.history.count(),
        )
        for model in models
    }


def test_saving_a_published_result_unchanged_writes_nothing_and_says_so(
    client, editor, louez_solidaire
):
    login(client, editor)
    anchor = f"indicateur-{louez_solidaire.pk}-2022"
    form = page_form(client, 1, 2022, anchor)
    assert form["result_value"].value() == "73"
    before = written_rows()
    response = client.post(indicator_url(louez_solidaire, 2022), as_shown(form), follow=True)
    assert written_rows() == before
    assert response.redirect_chain[-1][0].endswith(f"?annee=2022#{anchor}-message")
    html = response.content.decode()
    assert f'id="{anchor}-message" tabindex="-1">{NOTHING}</p>' in html
    assert html.count(NOTHING) == 1  # in the form, not again at the top of the page


def test_changing_the_result_beside_a_shown_target_writes_the_result_only(
    client, editor, louez_solidaire
):
    login(client, editor)
    # On the page of 2023, the 2023 form shows the published target of 75.
    form = page_form(client, 1, 2023, f"indicateur-{louez_solidaire.pk}-2023")
    assert form["target_value"].value() == "75"
    data = as_shown(form) | {form.add_prefix("result_value"): "76"}
    response = client.post(indicator_url(louez_solidaire, 2023), data, follow=True)
    assert YearResult.objects.get(indicator=louez_solidaire, year=2023).value == D(76)
    assert not YearTarget.objects.filter(indicator=louez_solidaire, status="draft").exists()
    assert (
        "Résultat 2023 de « Logements Louez solidaire captés dans l&#x27;année » "
        "enregistré comme brouillon." in response.content.decode()
    )


def test_saving_a_draft_again_unchanged_keeps_its_revision_and_history(
    client, editor, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76", result_comment="Sortie DLH"),
    )
    draft = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    form = page_form(client, 1, 2023, f"indicateur-{louez_solidaire.pk}-2023")
    before = written_rows()
    # A browser sends a textarea's lines ending in CRLF: still the same comment.
    data = as_shown(form) | {form.add_prefix("result_comment"): "Sortie DLH\r\n"}
    response = client.post(indicator_url(louez_solidaire, 2023), data, follow=True)
    assert written_rows() == before
    draft.refresh_from_db()
    assert (draft.revision, draft.value) == (1, D(76))
    assert NOTHING in response.content.decode()


def test_an_unchanged_next_year_target_writes_nothing(client, editor, louez_solidaire):
    login(client, editor)
    form = page_form(client, 1, 2022, f"indicateur-{louez_solidaire.pk}-2023")
    before = written_rows()
    response = client.post(
        indicator_url(louez_solidaire, 2023, page_year=2022), as_shown(form), follow=True
    )
    assert written_rows() == before
    assert NOTHING in response.content.decode()


def test_unchanged_milestone_status_text_and_commitment_write_nothing(client, editor, seed_plan):
    login(client, editor)
    row = ReportRow.objects.get(measure__number=2)
    # The seed's measure 2 has a milestone « prévu » in 2023 (and no 2022 status).
    milestone = Milestone.objects.get(report_row=row, statuses__year=2023)
    reporting_year = ReportingYear.objects.get(year=2022)
    commitment = Commitment.objects.create(
        reporting_year=reporting_year, report_row=row, position=1, text="Capter 75 logements"
    )
    CommitmentMark.objects.create(
        commitment=commitment, outcome="done", comment="Fait", status=EntryStatus.PUBLISHED
    )
    before = written_rows()
    commitments_before = list(Commitment.objects.values_list("pk", "text"))
    for year, anchor, url in (
        (
            2023,
            f"jalon-{milestone.pk}-2023",
            reverse("entry:milestone_year", args=[milestone.pk, 2023]),
        ),
        (2022, f"texte-{row.pk}-2022", reverse("entry:bilan_text", args=[row.pk, 2022])),
    ):
        form = page_form(client, 2, year, anchor)
        response = client.post(f"{url}?annee={year}", as_shown(form), follow=True)
        assert NOTHING in response.content.decode(), anchor
    prefix = f"engagement-{commitment.pk}-"
    response = client.post(
        reverse("entry:commitment", args=[commitment.pk]),
        # The published mark, as the form shows it (no open mark: no revision).
        {prefix + "outcome": "done", prefix + "comment": "Fait\r\n", prefix + "revision": ""},
        follow=True,
    )
    assert f'id="engagement-{commitment.pk}-message"' in response.content.decode()
    assert NOTHING in response.content.decode()
    assert written_rows() == before
    assert list(Commitment.objects.values_list("pk", "text")) == commitments_before


def test_a_real_save_is_confirmed_in_the_form_saved(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    response = client.post(
        reverse("entry:bilan_text", args=[row.pk, 2022]) + "?annee=2022",
        text_post(row, 2022, bilan_text="Nouveau **bilan**"),
        follow=True,
    )
    anchor = f"texte-{row.pk}-2022"
    assert response.redirect_chain[-1][0].endswith(f"#{anchor}-message")
    html = response.content.decode()
    # Right above the form saved (its states between), not at the top of the page.
    card = html[html.index(f'id="texte-{row.pk}"') : html.index(f'id="{anchor}"')]
    assert "Textes du bilan 2022 enregistrés comme brouillon." in card
    assert '<ul class="messages"' not in html


def test_a_milestone_status_nobody_chose_is_not_saved(client, editor, seed_plan):
    milestone = Milestone.objects.get(report_row__measure__number=2)
    login(client, editor)
    form = page_form(client, 2, 2022, f"jalon-{milestone.pk}-2022")
    # The select starts on a blank choice, not on the first status (« prévu »).
    assert form["progress"].value() in (None, "")
    response = client.post(
        reverse("entry:milestone_year", args=[milestone.pk, 2022]), as_shown(form)
    )
    assert response.status_code == 400
    assert "Choisissez l&#x27;avancement du jalon." in response.content.decode()
    assert not MilestoneYearStatus.objects.filter(milestone=milestone, year=2022).exists()
