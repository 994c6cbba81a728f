"""Submitting, reviewing and posting bilan texts the way the entry tests do."""

from django.urls import reverse


def submit(client, entry, kind):
    return client.post(
        reverse("entry:submit", args=[kind, entry.pk]) + f"?annee={entry.year}", follow=False
    )


def review(client, action, *tokens, note=""):
    return client.post(reverse("entry:review"), {"action": action, "entries": tokens, "note": note})


def text_post(row, year, **fields):
    prefix = f"texte-{row.pk}-{year}-"
    return {prefix + name: value for name, value in fields.items()}
