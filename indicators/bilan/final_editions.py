"""Publishing the plan's final bilan as a frozen edition, once the plan's last year is out.

As a year's bilan (``indicators.bilan.editions``): the page's content and the six files
frozen together, numbered, never changed; publishing what did not change is refused.
"""

import json

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indicators.bilan import final
from indicators.bilan.editions import refuse_invisible_characters_in_note, refuse_unchanged
from indicators.bilan.final_export import FINAL_FORMATS, final_file_name
from indicators.bilan.final_shaping import FinalBilan, axes_with_their_rows, load_final_bilan
from indicators.models import EditionError, FinalBilanEdition, FinalBilanEditionFile
from indicators.plan_outcome import PARTLY_ATTAINED_FROM
from measures.models import Plan
from measures.plan_space import plan_addresses


def latest_final_edition(plan) -> FinalBilanEdition | None:
    return FinalBilanEdition.objects.filter(plan=plan).order_by("-number").first()


def body_context(bilan: FinalBilan, sections) -> dict:
    """What the page's content (``includes/final_body.html``) reads, live or frozen."""
    items = bilan.items
    return {
        "bilan": bilan,
        "sections": sections,
        "status_counts": final.status_counts(items),
        "summary": final.summary_sentence(items),
        "partly_attained_from": int(PARTLY_ATTAINED_FROM * 100),
    }


def publish_final_edition(plan, *, user=None, note: str = "") -> FinalBilanEdition:
    """Freeze the final bilan of ``plan`` (from ``current_plan``) as it reads now.

    Refused
    while the plan's last year is unpublished (the figures would still change), when
    nothing changed since the latest edition, and for a note with an invisible character.
    """
    refuse_invisible_characters_in_note(note)
    with transaction.atomic():
        # One publication at a time per plan: the edition numbers follow each other.
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        # The edition is the City's document: French, whoever publishes it; its links
        # name the plan's own pages, whichever plan is current when it is read.
        with translation.override("fr"), plan_addresses(plan.slug):
            bilan = load_final_bilan(plan, axes_with_their_rows(plan))
            if bilan.is_provisional:
                raise EditionError(
                    _(
                        "Le bilan final se publie une fois le bilan %(end)s publié : "
                        "jusque-là, ses chiffres changent encore."
                    )
                    % {"end": bilan.end_year}
                )
            files = {fmt: export.write(bilan) for fmt, export in FINAL_FORMATS.items()}
            body_html = render_to_string(
                "indicators/bilan/includes/final_body.html",
                body_context(bilan, final.final_sections(bilan)),
            )
        snapshot = json.loads(files["json"])
        previous = latest_final_edition(plan)
        refuse_unchanged(previous, snapshot)
        edition = FinalBilanEdition.objects.create(
            plan_id=plan.pk,
            number=(previous.number + 1) if previous else 1,
            published_at=timezone.now(),
            published_by=user,
            note=note,
            snapshot=snapshot,
            table_html=body_html,
        )
        for fmt, content in files.items():
            FinalBilanEditionFile.objects.create(
                edition=edition,
                format=fmt,
                filename=final_file_name(bilan, fmt),
                content_type=FINAL_FORMATS[fmt].content_type,
                content=content,
            )
        return edition
