"""Saving a form of the entry page: one sequence for every kind of entered value.

Validate the form, save it; when the save finds someone else's newer value
(``EntryConflict``), show the page again with the user's input, now on the
revision they have seen, and the other person's value (409); when the input is
refused, show it again as typed with the reason (400). Once saved, or when the
save changed nothing, say so next to the form: the message is tagged with the
form's anchor, the page puts it there and the redirect opens the page at it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.entries import EntryConflict
from core.formatting import format_quantity
from core.workflow import WorkflowError
from indicators.entry.page import anchor_for, notice_anchor, render_entry_page
from indicators.entry.scopes import back_to

REFUSALS = (ValidationError, WorkflowError)


def conflict_message(current, unit: str = "") -> str:
    if current is None:
        return _("Quelqu'un d'autre a modifié cette saisie entre-temps. Rechargez la page.")
    who = current.entered_by.get_username() if current.entered_by else _("un autre agent")
    value = getattr(current, "value", None)
    shown = format_quantity(value, unit) if value is not None else ""
    if not shown and hasattr(current, "get_outcome_display"):
        shown = current.get_outcome_display()  # a commitment's mark
    if not shown:
        shown = getattr(current, "progress", "") or _("ses textes")
    return _(
        "Quelqu'un d'autre (%(who)s) a enregistré entre-temps : %(value)s (état : %(status)s). "
        "Votre saisie n'a pas été enregistrée ; elle est restée dans le formulaire : "
        "enregistrez-la à nouveau pour remplacer cette valeur."
    ) % {"who": who, "value": shown, "status": current.get_status_display()}


def rebound_with_revision(form, field_name: str, revision):
    """The user's input kept, with the revision they have now seen."""
    data = form.data.copy()
    data[form.add_prefix(field_name)] = revision or ""
    return data


def save_from_page(
    request,
    plan,
    scope,
    year,
    *,
    key,
    make_form,
    save,
    saved,
    unit: str = "",
    revision_field=lambda current: "revision",
    preview=None,
    refusals=REFUSALS,
):
    """Save the form posted from the entry page of ``scope`` for ``year``.

    ``make_form(data)`` builds the form ``key`` from posted data; ``save(cleaned
    data)`` writes it and returns what it wrote, empty when nothing changed.
    ``revision_field(current)`` names the hidden field holding the revision of
    the conflicting entry, ``unit`` shows its value. With ``preview`` (cleaned
    data → rendered texts), a POST asking for a preview shows it instead of
    saving. ``refusals`` are the errors that mean the input was refused. Once
    saved: ``saved(what save returned)`` as a message next to the form, and back
    to the page there.
    """
    form = make_form(request.POST)
    if not form.is_valid():
        return render_entry_page(request, plan, scope, year, bound={key: form})
    data = form.cleaned_data
    if preview is not None and "preview" in request.POST:
        return render_entry_page(
            request, plan, scope, year, bound={key: form}, preview=(key, preview(data))
        )
    try:
        written = save(data)
    except EntryConflict as conflict:
        current = conflict.current
        revision = current.revision if current and current.is_open else None
        rebound = make_form(rebound_with_revision(form, revision_field(current), revision))
        rebound.is_valid()
        return render_entry_page(
            request,
            plan,
            scope,
            year,
            bound={key: rebound},
            conflict=(key, conflict_message(current, unit)),
        )
    except refusals as error:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return render_entry_page(request, plan, scope, year, bound={key: form})
    anchor = anchor_for(key)
    if written:
        messages.success(request, saved(written), extra_tags=anchor)
    else:
        messages.info(
            request, _("Aucune modification : rien n'a été enregistré."), extra_tags=anchor
        )
    return back_to(scope, year, notice_anchor(anchor))
