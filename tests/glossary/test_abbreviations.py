"""Wrapping acronyms in <abbr>: what is wrapped, what never is, and the text kept intact."""

import re

from hypothesis import given
from hypothesis import strategies as st

from measures.abbreviations import Abbreviations, unwrap

TERMS = Abbreviations(
    [
        ("ASE", "aide sociale à l'enfance"),
        ("ESI", "Espace Solidarité Insertion"),
        ("AMI LDA", "Appel à Manifestation d'Intérêt Logement d'abord"),
        ("LDA", "Logement d'abord"),
        ("FJT", "Foyer Jeunes Travailleurs"),
        ("AMI2-LDA", ""),  # no expansion: listed, never wrapped
    ]
)
ASE = 'title="aide sociale à l&#x27;enfance"'


def abbrs(html: str) -> list[str]:
    """The text of each <abbr> the wrapping added, hidden expansion left out."""
    return [
        re.sub(r"<span[^>]*>.*?</span>", "", inner)
        for inner in re.findall(r'<abbr class="glossary-term"[^>]*>(.*?)</abbr>', html, re.DOTALL)
    ]


def test_an_acronym_of_the_text_is_wrapped_with_its_expansion():
    html = TERMS.wrap("<p>Les jeunes sortants d&#x27;ASE.</p>")
    assert html == (
        f'<p>Les jeunes sortants d&#x27;<abbr class="glossary-term" {ASE}>ASE'
        '<span class="visually-hidden glossary-expansion"> (aide sociale à l&#x27;enfance)'
        "</span></abbr>.</p>"
    )


def test_only_the_first_occurrence_carries_the_expansion_for_screen_readers():
    html = TERMS.wrap("<p>ASE, FJT</p><p>ASE et FJT</p>")
    assert html.count("<abbr") == 4
    assert html.count("glossary-expansion") == 2
    assert html.count("(aide sociale") == 1
    assert html.count(ASE) == 2


def test_the_longest_term_wins():
    html = TERMS.wrap("<p>dans le cadre de l'AMI LDA lancé par la Dihal ; LDA seul</p>")
    assert abbrs(html) == ["AMI LDA", "LDA"]


def test_a_term_over_a_line_break_or_a_no_break_space_is_the_same_term():
    assert abbrs(TERMS.wrap("<p>AMI\nLDA et AMI\u00a0LDA</p>")) == ["AMI\nLDA", "AMI\u00a0LDA"]


def test_whole_words_only():
    html = "<p>ESIS, PASE, ASEs, ASE_1, ESI2, 2ESI, ESI-75, AMI2-LDA, xFJT, FJTé, éFJT</p>"
    assert TERMS.wrap(html) == html


def test_apostrophes_punctuation_and_tags_end_a_word():
    html = TERMS.wrap("<p>l'ASE, l’ESI (FJT) <b>ASE</b>.</p>")
    assert abbrs(html) == ["ASE", "ESI", "FJT", "ASE"]


def test_never_two_abbr_in_one_word():
    wrapped = TERMS.wrap("<p>ASEESI ESIASE ASE-ESI FJTFJT AMI LDALDA</p>")
    assert wrapped.count("<abbr") == 0


def test_attributes_are_never_touched():
    html = (
        '<a href="/glossaire/#ASE" title="ASE et FJT" data-x=\'ESI > FJT\'>lien</a>'
        '<img alt="ASE"><input value="FJT">'
    )
    assert TERMS.wrap(html) == html


def test_skipped_elements_keep_their_text():
    html = (
        "<!doctype html><html><head><title>ASE — FJT</title>"
        '<meta name="description" content="ASE"></head><body>'
        '<script type="application/json">{"label": "ASE"}</script>'
        "<style>.ASE { color: red }</style>"
        "<textarea>ASE</textarea>"
        "<select><option>ASE</option><optgroup label='x'><option>FJT</optgroup></select>"
        "<abbr title='déjà'>ESI</abbr>"
        "<svg><text>ASE</text></svg>"
        "<!-- ASE -->"
        "<template><p>ASE</p></template>"
        "</body></html>"
    )
    assert TERMS.wrap(html) == html


def test_text_after_a_skipped_element_is_wrapped():
    html = TERMS.wrap("<script>var a = '<p>ASE</p>';</script><p>ESI</p><option>ASE</option> FJT")
    assert abbrs(html) == ["ESI", "FJT"]


def test_a_term_without_expansion_is_not_wrapped():
    assert TERMS.wrap("<p>AMI2-LDA</p>") == "<p>AMI2-LDA</p>"
    assert "AMI2-LDA" not in TERMS.expansions


def test_an_english_page_marks_the_french_terms():
    html = TERMS.wrap("<p>Young people leaving ASE</p>", foreign=True)
    assert '<abbr class="glossary-term" title="aide sociale à l&#x27;enfance" lang="fr">' in html


def test_a_page_without_terms_is_returned_as_is():
    page = "<p>Rien à expliquer.</p>"
    assert TERMS.wrap(page) is page
    assert Abbreviations([]).wrap("<p>ASE</p>") == "<p>ASE</p>"
    assert not Abbreviations([("ASE", "")])


def test_expansions_are_escaped():
    terms = Abbreviations([("XYZ", 'a "b" <c> & d')])
    assert 'title="a &quot;b&quot; &lt;c&gt; &amp; d"' in terms.wrap("<p>XYZ</p>")


def test_found_in_plain_text():
    assert TERMS.found_in("Les FJT et l'AMI LDA, pas ESIS ni AMI2-LDA.") == {"FJT", "AMI LDA"}


@given(
    st.lists(
        st.sampled_from(
            [
                "ASE",
                "ESI",
                "AMI LDA",
                "LDA",
                "FJT",
                "AMI2-LDA",
                " ",
                "-",
                "'",
                "é",
                "x",
                "<p>",
                "</p>",
                "<b>",
                "</b>",
                '<a href="#ASE" title="FJT">',
                "</a>",
                "<script>ASE</script>",
                "<option>ESI</option>",
                "<abbr>FJT</abbr>",
                "&amp;",
            ]
        ),
        max_size=30,
    )
)
def test_unwrapping_gives_back_the_page_byte_for_byte(pieces):
    html = "".join(pieces)
    wrapped = TERMS.wrap(html)
    assert unwrap(wrapped) == html
    # Never inside a word: the characters either side of an added <abbr> end words.
    for added in re.finditer(r'<abbr class="glossary-term".*?</abbr>', wrapped):
        before, after = wrapped[added.start() - 1 : added.start()], wrapped[added.end() :][:1]
        assert not re.match(r"[\w-]", before)
        assert not re.match(r"[\w-]", after)
