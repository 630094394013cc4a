"""Unicode normalisation: both paths give composed text (NFC), and nothing more than NFC."""

from __future__ import annotations

import unicodedata

import pytest

from newsstream.cleaning import clean_article
from newsstream.cleaning.unicode import to_nfc
from newsstream.records import RawArticle

COMPOSED = "The café in São Paulo reopened after Zoë Brontë’s visit, the Ångström lab said."
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)
TITLE = "Café reopens in São Paulo"
OTHER = "Staff at the small bakery said the new ovens had doubled the number of loaves each morning."
# NFC, not NFKC: ligatures, fractions, full-width and superscript forms, curly quotes stay.
COMPATIBILITY = "The ﬁrst ½ of the ＡＢＣ survey found 10² results, “quoted” — he said."


def test_decomposed_input_is_a_real_case() -> None:
    assert DECOMPOSED != COMPOSED and len(DECOMPOSED) > len(COMPOSED)


def test_text_path_composes() -> None:
    text = f"{unicodedata.normalize('NFD', TITLE)}\n\n{DECOMPOSED}\n\n{OTHER}"
    article = clean_article(RawArticle(id="t", text=text))
    assert article.title == TITLE
    assert list(article.paragraphs) == [COMPOSED, OTHER]


def test_html_path_composes_body_title_and_captions() -> None:
    caption = unicodedata.normalize("NFD", "Zoë Brontë outside the café on Tuesday")
    html = (
        f"<html lang='pt'><head><title>{unicodedata.normalize('NFD', TITLE)}</title></head><body><article>"
        f"<h1>{unicodedata.normalize('NFD', TITLE)}</h1><p>{DECOMPOSED}</p>"
        f"<figure><img src='c.jpg'><figcaption>{caption}</figcaption></figure>"
        + f"<p>{OTHER}</p>" * 3
        + "</article></body></html>"
    )
    article = clean_article(RawArticle(id="h", html=html))
    assert article.title == TITLE
    assert article.paragraphs[0] == COMPOSED
    assert all(unicodedata.is_normalized("NFC", t) for t in (*article.paragraphs, *article.captions))


@pytest.mark.parametrize("text", [COMPATIBILITY, COMPOSED, "plain ascii"])
def test_nfc_leaves_composed_and_compatibility_characters_alone(text: str) -> None:
    assert to_nfc(text) == text
    article = clean_article(RawArticle(id="c", text=f"{TITLE}\n\n{text}"))
    assert article.paragraphs[0] == text
