"""Form fields for what people type: every form of the site takes its inputs through them.

* ``PlainTextField``: a text without invisible characters (``core.text_safety``).

The administration's forms get the same fields from ``measures.inputs``.
"""

from django import forms

from core.text_safety import refuse_invisible_characters


class PlainTextField(forms.CharField):
    """A text that refuses control characters and bidirectional overrides, in French."""

    default_validators = [refuse_invisible_characters]
