"""The unsubscribe link's token: who and which e-mail, signed with the site's key.

It does not expire: a reader must be able to stop an e-mail from the oldest message
in their mailbox, and all a token can do is turn one of its owner's e-mails off.
Changing SECRET_KEY invalidates every token (the preferences page still works).
"""

from django.core import signing

from indicators.notifications.models import Topic

SALT = "ldaplan.notifications.unsubscribe"


def unsubscribe_token(user, topic: str) -> str:
    return signing.dumps({"u": user.pk, "t": str(topic)}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, topic) of a genuine token; ``None`` for a forged or damaged one."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("t") not in Topic.values:
        return None
    user_id = data.get("u")
    if not isinstance(user_id, int):
        return None
    return user_id, data["t"]
