"""« Échanges »: what is kept of a message (history, backup of a deleted author's) and what it
leaves alone (the cached public pages). Every message text is made up: « (fictif) »."""

import pytest
from django.contrib.auth import get_user_model

from core.cache import data_version
from indicators.entry.exchanges import ThreadKey, post_message
from indicators.entry.kinds import ENTRY_KINDS
from indicators.models import EntryMessage, ExchangeKind
from tests.accounts import PASSWORD, login
from tests.entry.test_exchanges import MESSAGE, entry_page, post, submitted_result

pytestmark = pytest.mark.django_db


def test_each_message_is_kept_in_the_history(client, editor, louez_solidaire):
    login(client, editor)
    post(client, "resultat", louez_solidaire.pk, 2022)
    message = EntryMessage.objects.get()
    record = message.history.get()
    assert (record.history_type, record.text, record.history_user) == ("+", MESSAGE, editor)


def test_a_message_outlives_its_author_s_account(client, editor, louez_solidaire):
    post_message(
        ThreadKey("resultat", louez_solidaire.pk, 2022),
        author=get_user_model().objects.create_user("parti", password=PASSWORD),
        text="Écrit par un compte supprimé depuis (fictif)",
    )
    get_user_model().objects.get(username="parti").delete()
    login(client, editor)
    html = entry_page(client)
    assert "Écrit par un compte supprimé depuis (fictif)" in html
    assert "compte supprimé</span>" in html


def test_a_message_leaves_the_cached_public_pages_as_they_are(
    editor, louez_solidaire, django_capture_on_commit_callbacks
):
    """No public page shows a message: posting one does not make them stale."""
    version = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        post_message(ThreadKey("resultat", louez_solidaire.pk, 2022), author=editor, text=MESSAGE)
    assert EntryMessage.history.count() == 1
    assert data_version() == version
    with django_capture_on_commit_callbacks(execute=True):
        submitted_result(louez_solidaire, editor)  # an entry still does
    assert data_version() > version


def test_the_kinds_of_thread_are_the_kinds_of_entry():
    assert set(ExchangeKind.values) == set(ENTRY_KINDS)
