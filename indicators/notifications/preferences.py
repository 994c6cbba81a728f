"""Each person's e-mail choices, with defaults that follow their role.

Agents get their returned entries and the reminders; validators the daily digest;
staff (agents and validators) the bilan's publication. Partners get nothing unless
they ask for the bilan's publication on their preferences page.
"""

from django.contrib.auth import get_user_model

from indicators import access
from indicators.notifications.models import DigestFrequency, NotificationPreferences, Topic


def topics_for(user) -> list[str]:
    """The e-mails that make sense for ``user``'s role (what their page offers)."""
    topics = []
    if access.can_enter_any(user):
        topics += [Topic.RETURNED, Topic.REMINDERS]
    if access.can_review(user):
        topics.append(Topic.DIGEST)
    topics.append(Topic.BILAN_PUBLISHED)
    return topics


def defaults_for(user) -> NotificationPreferences:
    """The choices of a person who never changed them (not saved)."""
    enters, reviews = access.can_enter_any(user), access.can_review(user)
    return NotificationPreferences(
        user=user,
        returned_entries=enters,
        reminders=enters,
        digest=DigestFrequency.DAILY if reviews else DigestFrequency.OFF,
        bilan_published=enters or reviews,
    )


def preferences_of(user) -> NotificationPreferences:
    """The person's saved choices, or their role's defaults."""
    saved = NotificationPreferences.objects.filter(user=user).first()
    return saved or defaults_for(user)


def wants(user, topic: str) -> bool:
    """Whether ``user`` gets e-mails of ``topic``: active, with an address, and asking."""
    if not (user.is_active and user.email):
        return False
    return topic in topics_for(user) and preferences_of(user).wants(topic)


def recipients(topic: str, users=None) -> list:
    """The people who get e-mails of ``topic`` (among ``users``, default everyone)."""
    users = users if users is not None else get_user_model().objects.all()
    candidates = users.filter(is_active=True).exclude(email="").order_by("pk")
    return [user for user in candidates if wants(user, topic)]


def turn_off(user, topic: str) -> NotificationPreferences:
    """Stop e-mails of ``topic`` for ``user`` (the unsubscribe link); saves the choices."""
    preferences = preferences_of(user)
    preferences.turn_off(topic)
    preferences.save()
    return preferences
