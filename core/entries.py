"""Saving and reviewing workflow entries: one transaction each, no lost update."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .cache import invalidate_on_change
from .signals import entry_transitioned
from .workflow import (
    ACTION_LABELS,
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    PUBLISH,
    RETURN,
    SUBMIT,
    VALIDATE,
    EntryStatus,
    ReviewedEntry,
    WorkflowError,
    next_status,
)


class EntryConflict(Exception):
    """Someone else saved this entry since the form was loaded.

    ``current`` is what they saved, to show to the user instead of overwriting it.
    """

    def __init__(self, current: ReviewedEntry | None):
        super().__init__(
            _(
                "Quelqu'un d'autre a modifié cette saisie entre-temps : "
                "votre version n'a pas été enregistrée."
            )
        )
        self.current = current


def only_one(queryset):
    """The one row of ``queryset`` (a key has at most one open and one published entry),
    or None. Not ``first()``: its ORDER BY id may lead the database to walk the whole
    table in id order rather than use the key's index."""
    return next(iter(queryset.order_by()[:1]), None)


def open_entry(model, key: dict):
    return only_one(model._default_manager.filter(**key, status__in=OPEN_STATUSES))


def published_entry(model, key: dict):
    return only_one(model._default_manager.filter(**key, status=EntryStatus.PUBLISHED))


def _checks(model, checked_by_form: bool) -> dict:
    """What ``full_clean`` asks of a save: everything, or, for values an entry form has
    checked, only the fields' own rules (not the existence of the objects the form was
    built on, nor the constraints the database holds)."""
    if not checked_by_form:
        return {}
    relations = [field.name for field in model._meta.concrete_fields if field.is_relation]
    return {"exclude": relations, "validate_constraints": False}


def _new_draft(model, key, values, user, checked_by_form):
    """The first open entry of ``key``, checked, not saved yet."""
    entry = model(**key, **values, entered_by=user, status=EntryStatus.DRAFT)
    entry.full_clean(**_checks(model, checked_by_form))
    return entry


def _create_draft(model, key, values, user, checked_by_form, change_reason):
    """The first open entry of ``key``, saved as a draft."""
    entry = _new_draft(model, key, values, user, checked_by_form)
    entry._change_reason = change_reason
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        # Another user opened an entry for the same key at the same moment;
        # any other refusal is a real error and goes up unchanged.
        other = open_entry(model, key)
        if other is None:
            raise
        raise EntryConflict(other) from error
    return entry


def save_entry(
    model,
    key: dict,
    values: dict,
    *,
    user,
    expected_revision: int | None,
    change_reason: str | None = None,
    checked_by_form: bool = False,
):
    """Create or update the open entry for ``key`` with ``values``, as a draft.

    ``expected_revision`` is the revision the form was loaded with (``None``
    when it showed no open entry). If the entry has moved on since, or another
    open entry appeared, nothing is written and ``EntryConflict`` says what is
    there now. Values are validated (French messages) before anything is saved.

    ``change_reason`` goes into the history row of this save. ``checked_by_form``:
    the values come from an entry form that has already checked them (an import of
    many rows); the model's constraints are then left to the database, whose refusal
    (``IntegrityError``) undoes the caller's transaction, instead of being asked one
    query each in Python.
    """
    with transaction.atomic():
        current = only_one(
            model._default_manager.select_for_update().filter(**key, status__in=OPEN_STATUSES)
        )
        if current is None:
            if expected_revision is not None:
                # The entry the user was editing was published or removed meanwhile.
                raise EntryConflict(published_entry(model, key))
            return _create_draft(model, key, values, user, checked_by_form, change_reason)
        if expected_revision is None or current.revision != expected_revision:
            raise EntryConflict(current)
        if current.status not in EDITABLE_STATUSES:
            raise WorkflowError(
                _("Cette saisie est « %(status)s » : elle ne peut plus être modifiée.")
                % {"status": current.get_status_display()}
            )
        # Claim the revision with one conditional UPDATE: on every database a
        # concurrent save that read the same revision now finds it changed.
        claimed = model._default_manager.filter(pk=current.pk, revision=expected_revision).update(
            revision=expected_revision + 1
        )
        if not claimed:
            raise EntryConflict(model._default_manager.filter(pk=current.pk).first())
        for field, value in values.items():
            setattr(current, field, value)
        current.revision = expected_revision + 1
        current.status = EntryStatus.DRAFT
        current.entered_by = user
        current.full_clean(**_checks(model, checked_by_form))
        current._change_reason = change_reason
        current.save()
        return current


@dataclass(frozen=True)
class PlannedSave:
    """A ``save_entry`` of values an entry form has checked, made later by ``save_entries``
    (an import shows its preview first, and saves only once confirmed)."""

    model: type
    key: dict
    values: dict
    expected_revision: int | None
    change_reason: str


def _key_of(key: dict) -> tuple:
    """``key`` comparable with the same key read from the database (objects by their id)."""
    return tuple(sorted((name, getattr(value, "pk", value)) for name, value in key.items()))


def _refuse_open_entries(model, keys: list[dict]) -> None:
    """``EntryConflict`` if one of ``keys`` has an open entry: it appeared since the file
    was read, as ``save_entry`` finds it for one key."""
    names = sorted(keys[0])
    attnames = [model._meta.get_field(name).attname for name in names]
    wanted = {_key_of(key) for key in keys}
    candidates = model._default_manager.select_for_update().filter(
        status__in=OPEN_STATUSES,
        **{
            f"{attname}__in": {dict(key)[name] for key in wanted}
            for name, attname in zip(names, attnames, strict=True)
        },
    )
    for entry in candidates.order_by():
        found = dict(zip(names, (getattr(entry, attname) for attname in attnames), strict=True))
        if _key_of(found) in wanted:
            raise EntryConflict(entry)


def save_entries(saves: list[PlannedSave], *, user) -> None:
    """Make every save of ``saves`` as ``save_entry`` would, all or none.

    The first drafts (keys with no open entry) are inserted together, with their
    history rows naming ``user`` and the reason (three queries for a whole import instead
    of three per row); then the others one by one. Inserting skips ``save()`` and its
    signal: ``full_clean`` sets what a value's ``clean_fields`` derives, and the cached
    pages are made stale once, by the rule the signal follows. A key opened by someone
    else meanwhile is an ``EntryConflict`` (or the database's ``IntegrityError``), and the
    caller's transaction undoes everything."""
    with transaction.atomic():
        first_drafts: dict[tuple, list] = {}
        for planned in saves:
            if planned.expected_revision is None:
                first_drafts.setdefault((planned.model, planned.change_reason), []).append(planned)
        for (model, reason), planned_saves in first_drafts.items():
            _refuse_open_entries(model, [planned.key for planned in planned_saves])
            entries = [
                _new_draft(model, planned.key, planned.values, user, checked_by_form=True)
                for planned in planned_saves
            ]
            bulk_create_with_history(
                entries, model, batch_size=500, default_user=user, default_change_reason=reason
            )
            invalidate_on_change(model)
        for planned in saves:
            if planned.expected_revision is not None:
                save_entry(
                    planned.model,
                    planned.key,
                    planned.values,
                    user=user,
                    expected_revision=planned.expected_revision,
                    change_reason=planned.change_reason,
                    checked_by_form=True,
                )


# The actions that approve an entry: separation of duties keeps its authors out of them.
APPROVING_ACTIONS = (VALIDATE, PUBLISH)


def entry_authors(entry) -> set[int]:
    """The ids of the users who wrote this entry's values: who entered it and who changed it.

    ``entered_by`` is whoever saved the values last; every save is a draft, so the
    history's draft records name who entered the entry first and who changed it since.
    A published entry is never edited (a correction is a new entry), so these are the
    authors of exactly the values being approved.
    """
    authors = {entry.entered_by_id}
    history = getattr(entry, "history", None)
    if history is not None:
        authors.update(
            history.filter(status=EntryStatus.DRAFT).values_list("history_user_id", flat=True)
        )
    authors.discard(None)
    return authors


def check_separation_of_duties(entry, action: str, user) -> None:
    """Refuse that an author of ``entry`` validates or publishes it (unless turned off)."""
    if action not in APPROVING_ACTIONS or user is None or not settings.LDAPLAN_SEPARATION_OF_DUTIES:
        return
    if user.pk in entry_authors(entry):
        raise WorkflowError(
            _(
                "Vous avez saisi ou modifié cette saisie : une autre personne doit la "
                "%(action)s (séparation des tâches)."
            )
            % {"action": ACTION_LABELS[action]}
        )


def transition(model, pk: int, action: str, *, user, note: str = ""):
    """Move an entry one step in the workflow; publishing supersedes the old value.

    Validating or publishing is refused to the entry's authors when
    ``LDAPLAN_SEPARATION_OF_DUTIES`` is on: checked here, so that no caller can skip it.
    """
    with transaction.atomic():
        entry = model._default_manager.select_for_update().filter(pk=pk).first()
        if entry is None:
            raise WorkflowError(_("Cette saisie n'existe plus."))
        new_status = next_status(entry.status, action)
        check_separation_of_duties(entry, action, user)
        if action == RETURN and not note.strip():
            raise WorkflowError(_("Indiquez le motif du renvoi pour que l'agent puisse reprendre."))
        if action == PUBLISH:
            for previous in (
                entry.siblings().select_for_update().filter(status=EntryStatus.PUBLISHED)
            ):
                previous.status = EntryStatus.SUPERSEDED
                previous.save()
            entry.published_at = timezone.now()
        if action == RETURN:
            entry.review_note = note.strip()
        if action != SUBMIT:
            entry.reviewed_by = user
        entry.status = new_status
        entry.revision += 1
        entry.save()
        entry_transitioned.send(model, entry=entry, action=action, user=user, note=note)
        return entry
