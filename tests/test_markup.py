import pytest

from measures.markup import markup_paragraphs, markup_to_plain_text, render_markup


def test_bold_and_paragraphs_render_as_strong_and_p():
    html = render_markup("La **captation de 73 nouveaux logements**\n\nDeuxième paragraphe")
    assert html == (
        "<p>La <strong>captation de 73 nouveaux logements</strong></p>\n"
        "<p>Deuxième paragraphe</p>\n"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<b onclick='x()'>gras</b>",
        "[lien](javascript:alert(1))",
        "<iframe src='https://example.org'></iframe>",
    ],
)
def test_raw_html_and_links_are_never_interpreted(hostile):
    html = render_markup(hostile)
    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "<a " not in html
    assert "onclick=" not in html or "&lt;" in html  # shown as text, not as an attribute
    assert "<b " not in html


def test_raw_html_is_shown_as_text():
    assert render_markup("<b>gras</b>") == "<p>&lt;b&gt;gras&lt;/b&gt;</p>\n"


def test_letter_prefixes_are_not_turned_into_lists():
    html = render_markup("a. **Former 300 travailleurs sociaux** sur l'accès au logement")
    assert html.startswith("<p>a. <strong>")


def test_simple_lists_are_allowed():
    assert render_markup("- un\n- deux") == "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n"


def test_empty_text_renders_empty():
    assert render_markup("") == ""
    assert render_markup(None) == ""


def test_plain_text_drops_markup_and_keeps_paragraphs():
    text = "La **captation de 73 nouveaux logements** et *un peu*\n\n  Suite   du texte "
    assert (
        markup_to_plain_text(text)
        == "La captation de 73 nouveaux logements et un peu\n\nSuite du texte"
    )


def test_plain_text_keeps_a_lone_asterisk():
    assert markup_to_plain_text("3 * 4 = 12") == "3 * 4 = 12"


def test_paragraphs_are_split_on_blank_lines():
    assert markup_paragraphs("un\n\n**deux**\n \ntrois") == ["un", "**deux**", "trois"]


def test_plain_text_keeps_no_break_spaces_in_figures():
    assert markup_to_plain_text("**1\u00a0910** entretiens") == "1\u00a0910 entretiens"
