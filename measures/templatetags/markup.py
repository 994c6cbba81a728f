from django import template

from measures.markup import render_markup

register = template.Library()


@register.filter(name="markup")
def markup_filter(text):
    """Render a plan text written in the restricted markup."""
    return render_markup(text)
