"""Signals of the review workflow, for features that react to it (e-mails, the internal
threads) without the workflow knowing them."""

from django.dispatch import Signal

# Sent by ``core.entries.transition`` once an entry has moved, inside its transaction
# (receivers that send something wait for the commit; those that write, such as the
# return note kept in the entry's thread, write in it, whoever called ``transition``):
# sender is the entry's model, with ``entry``, ``action`` (SUBMIT, RETURN…), ``user``
# and ``note``.
entry_transitioned = Signal()
