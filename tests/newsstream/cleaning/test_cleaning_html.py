"""HTML path: trafilatura extraction plus the news-specific repairs, on small synthetic pages."""

from __future__ import annotations

import lxml.html
import pytest
from trafilatura.utils import sanitize

from newsstream.cleaning import clean_article
from newsstream.cleaning.html import caption_and_link_texts
from newsstream.records import CleanArticle, RawArticle

PROSE = [
    "The city council voted on Tuesday to approve a new budget for the coming year, officials said.",
    "The budget includes funding for 40 new teachers and repairs to three bridges across the river.",
    "Opposition members argued that the plan relied on optimistic forecasts of tax revenue growth.",
    "“We cannot keep borrowing against the future,” said councillor Maria Lopez during the debate.",
    "The mayor said the spending was necessary after years of underinvestment in public services.",
    "A final vote on the separate transport plan is expected before the end of the month, he added.",
]


def page(body: str, *, head: str = "", lang: str = "en") -> str:
    return (
        f'<html lang="{lang}"><head><title>Council approves budget | Example News</title>'
        '<meta property="og:site_name" content="Example News">'
        '<meta name="author" content="Jane Smith">'
        '<meta property="article:published_time" content="2019-11-18T10:00:00Z">'
        f"{head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main>{body}</main><footer><p>© 2019 Example News. All rights reserved.</p></footer></body></html>"
    )


def clean(html: str, **kw: str) -> CleanArticle:
    return clean_article(RawArticle(id="page", html=html, **kw))


def test_plain_article_and_metadata() -> None:
    body = "<article><h1>Council approves budget</h1>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>"
    article = clean(page(body, lang="en_GB"), url="https://news.example.com/budget")
    assert article.format == "html"
    assert list(article.paragraphs) == PROSE
    assert article.title == "Council approves budget"
    assert article.metadata["author"] == "Jane Smith"
    assert article.metadata["site"] == "Example News"
    assert article.metadata["published_at"].startswith("2019-11-18")
    assert article.metadata["hostname"] == "news.example.com"
    assert article.metadata["language"] == "en-GB"
    assert "Home" not in article.text and "All rights reserved" not in article.text


def test_body_split_across_containers_is_merged_in_order() -> None:
    chunks = "".join(
        f'<div class="grid"><div class="body__container">{"".join(f"<p>{p}</p>" for p in PROSE[i : i + 2])}</div>'
        '<aside class="ad"><p>Advertisement</p></aside></div>'
        for i in range(0, 6, 2)
    )
    article = clean(page(f'<article><h1>Council approves budget</h1><div class="chunks">{chunks}</div></article>'))
    assert list(article.paragraphs) == PROSE


def test_twin_containers_do_not_bring_link_lists() -> None:
    related = "".join(f'<p><a href="/r{i}">Related headline number {i} about other news</a></p>' for i in range(5))
    body = (
        '<article><h1>Council approves budget</h1><div class="text">'
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + f'</div></article><div class="text">{related}</div>'
    )
    article = clean(page(body))
    assert list(article.paragraphs) == PROSE


def test_captions_moved_out_and_hidden_cards_pruned() -> None:
    body = (
        "<article><h1>Council approves budget</h1>"
        f"<p>{PROSE[0]}</p>"
        '<figure><img src="a.jpg"><figcaption>Councillors during the vote on Tuesday</figcaption></figure>'
        f"<p>{PROSE[1][:-1]} <span class='rollover-people-block'>Jane Smith Latest stories by her</span>today.</p>"
        + "".join(f"<p>{p}</p>" for p in PROSE[2:])
        + "</article>"
    )
    article = clean(page(body))
    assert "Councillors during the vote on Tuesday" not in article.text
    assert "Councillors during the vote on Tuesday" in article.captions
    assert "Latest stories" not in article.text
    assert article.paragraphs[1].endswith("across the river today.")


def test_embedded_tweet_inside_body_is_kept() -> None:
    tweet = (
        '<blockquote class="twitter-tweet"><p>The budget passed 7-2 tonight.</p>'
        '— Example Reporter (@reporter) <a href="https://t.co/x">November 18, 2019</a></blockquote>'
    )
    body = (
        "<article><h1>Council approves budget</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE[:3])
        + f'<div class="social-embed">{tweet}</div>'
        + "".join(f"<p>{p}</p>" for p in PROSE[3:])
        + "</article>"
    )
    article = clean(page(body))
    assert "The budget passed 7-2 tonight." in article.paragraphs
    index = article.paragraphs.index("The budget passed 7-2 tonight.")
    assert article.paragraphs[index - 1] == PROSE[2]
    assert article.text.count("The budget passed 7-2 tonight.") == 1


@pytest.mark.parametrize(
    "debris",
    [
        "READ MORE: Council tax to rise by 4% next year",
        "Sign up for our daily newsletter to get the top stories in your inbox.",
        "Follow Example News on Twitter and Facebook.",
        "Jane Smith contributed to this report.",
        "Updated at 1:23 p.m.",
        "Share this article",
    ],
)
def test_debris_paragraphs_removed(debris: str) -> None:
    body = (
        "<article><h1>Council approves budget</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE[:3])
        + f"<p>{debris}</p>"
        + "".join(f"<p>{p}</p>" for p in PROSE[3:])
        + "</article>"
    )
    article = clean(page(body))
    assert list(article.paragraphs) == PROSE
    assert debris in [r.text for r in article.removed]


QUOTED = "\"It's a fair deal,\" the mayor's aide said, and ‘nobody’ objected to the plan’s timing."


def test_quotes_and_apostrophes_kept_exactly() -> None:
    body = (
        "<article><h1>Council approves budget</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + f"<p>{QUOTED}</p>"
        + "</article>"
    )
    article = clean(page(body))
    assert article.paragraphs[-1] == QUOTED


# --- split-body merge: only what trafilatura missed, never what it dropped on purpose --------

FERRY = [
    "The harbour authority said on Monday that the new ferry terminal would open in early spring next year.",
    "Engineers finished the floating pontoon last week after a delay caused by the winter storms.",
    "Local traders hope the terminal will bring more visitors to the old market streets near the quay.",
    "The authority expects about two thousand passengers a day once the summer timetable starts.",
    "A second berth for freight boats is planned but has not yet received funding from the region.",
    "Residents will be able to comment on the plans at a public meeting at the town hall in March.",
]
PROMO = [
    "Get the morning briefing from our newsroom delivered to your inbox every weekday, free of charge.",
    "You can unsubscribe at any time, and we never share your address with other companies.",
]


def chunk(texts: list[str]) -> str:
    return '<div class="body-chunk">' + "".join(f"<p>{t}</p>" for t in texts) + "</div>"


def split_page(*outside: str) -> str:
    """An article whose last chunks sit outside ``<article>``, where trafilatura does not look."""
    return page(
        f"<article><h1>Ferry terminal to open in spring</h1>{chunk(FERRY[:2])}"
        f'<div class="ad">Advertisement</div>{chunk(FERRY[2:4])}</article>' + "".join(outside)
    )


def test_split_body_outside_the_article_is_merged() -> None:
    article = clean(split_page(f'<div class="more">{chunk(FERRY[4:])}</div>'))
    assert list(article.paragraphs) == FERRY


def test_merge_does_not_readd_a_newsletter_promo() -> None:
    promo = f'<div class="newsletter-signup">{chunk(PROMO)}</div>'
    article = clean(split_page(promo, f'<div class="more">{chunk(FERRY[4:])}</div>'))
    assert list(article.paragraphs) == FERRY


@pytest.mark.parametrize("copy", [f"HARBOURTOWN — {FERRY[0]}", FERRY[0][:-1] + " and…"])
def test_merge_does_not_repeat_the_lead(copy: str) -> None:
    article = clean(split_page(f'<div class="more">{chunk([copy, *FERRY[4:]])}</div>'))
    assert list(article.paragraphs) == FERRY


def test_merge_adds_a_missed_paragraph_once() -> None:
    twice = chunk([FERRY[4], FERRY[5]])
    article = clean(split_page(f'<div class="more">{twice}</div><div class="more">{twice}</div>'))
    assert list(article.paragraphs) == FERRY


def test_merge_keeps_paragraphs_that_share_a_phrase() -> None:
    close = "The harbour authority said on Monday that tickets would cost less than the old bus fare."
    article = clean(split_page(f'<div class="more">{chunk([close, *FERRY[4:]])}</div>'))
    assert list(article.paragraphs) == [*FERRY[:4], close, *FERRY[4:]]


# --- inline math: the sentence stays whole and the formula reads as text ----------------------

MATH_CASES = {
    "presentation MathML": "<math><mi>x</mi><mo>=</mo><mn>2</mn></math>",
    "MathML with a TeX annotation": (
        '<math alttext="x = 2"><semantics><mrow><mi>x</mi><mo>=</mo><mn>2</mn></mrow>'
        '<annotation encoding="application/x-tex">x=2</annotation></semantics></math>'
    ),
    "only an alttext": '<math alttext="x=2"></math>',
    "hidden MathML copy beside a fallback image": (
        '<span class="formula"><span class="formula-a11y" style="display: none;"><math alttext="x=2">'
        '<mi>x</mi><mo>=</mo><mn>2</mn></math></span><img src="f.svg" aria-hidden="true" alt="x=2"></span>'
    ),
    "screen-reader MathML beside a fallback image": (
        '<span class="sr-only"><math><mi>x</mi><mo>=</mo><mn>2</mn></math></span><img alt="x=2" src="f.png">'
    ),
    "rendered by a script, with a visual twin": (
        '<span class="rendered-math"><span class="glyphs" aria-hidden="true"><i>x</i> =</span>'
        '<span class="assistive"><math><mi>x</mi><mo>=</mo><mn>2</mn></math></span></span>'
        '<script type="math/tex">x=2</script>'
    ),
    "TeX source left for a script": '<script type="math/tex">x=2</script>',
}


@pytest.mark.parametrize("formula", MATH_CASES.values(), ids=MATH_CASES.keys())
def test_inline_math_keeps_the_sentence_whole(formula: str) -> None:
    body = (
        "<article><h1>Ferry terminal to open in spring</h1>"
        + "".join(f"<p>{p}</p>" for p in FERRY[:3])
        + f"<p>The ratio {formula} held for every berth in the survey.</p>"
        + "".join(f"<p>{p}</p>" for p in FERRY[3:])
        + "</article>"
    )
    article = clean(page(body))
    assert list(article.paragraphs) == [*FERRY[:3], "The ratio x=2 held for every berth in the survey.", *FERRY[3:]]


def test_hidden_text_without_math_is_still_pruned() -> None:
    body = (
        "<article><h1>Ferry terminal to open in spring</h1>"
        + "".join(f"<p>{p}</p>" for p in FERRY[:3])
        + '<p>The ratio <span style="display:none">Jane Smith Latest stories</span>held for every berth.</p>'
        + "".join(f"<p>{p}</p>" for p in FERRY[3:])
        + "</article>"
    )
    article = clean(page(body))
    assert article.paragraphs[3] == "The ratio held for every berth."


@pytest.mark.parametrize(
    "icon", ['<span class="icon"><img src="i.png"></span>', '<a href="/g"><img src="i.png" alt=""></a>']
)
def test_an_inline_image_does_not_cut_the_sentence(icon: str) -> None:
    body = (
        "<article><h1>Ferry terminal to open in spring</h1>"
        + "".join(f"<p>{p}</p>" for p in FERRY[:3])
        + f"<p>The ratio {icon} held for every berth in the survey.</p>"
        + "".join(f"<p>{p}</p>" for p in FERRY[3:])
        + "</article>"
    )
    article = clean(page(body))
    assert article.paragraphs[3] == "The ratio held for every berth in the survey."


# --- the headline: confirmed by the page's titles, never a caption or the site's chrome ------

HEADLINE = "Ferry terminal to open in spring"
NAV = '<nav class="sections"><a href="/">Home</a> <a href="/local">Local</a> <a href="/health">Health Center</a></nav>'
CAPTION_HEADING = (
    '<figure><img src="a.jpg"><figcaption><h2 class="media-headline">Workers on the pontoon</h2></figcaption></figure>'
)


REOPENS = "Health Center reopens after the flood"


def titled_page(before: str, article: str = "", *, title: str, meta: str = "", site: str = "Coastline Times") -> str:
    head = f'<meta property="og:site_name" content="{site}">' if site else ""
    body = "".join(f"<p>{p}</p>" for p in FERRY)
    return (
        f'<html lang="en"><head><title>{title}</title>{head}{meta}</head><body>{NAV}{before}'
        f"<article>{article}{body}</article></body></html>"
    )


def og(title: str) -> str:
    return f'<meta property="og:title" content="{title}">'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(  # a logo <h1>, then the headline <h1>, and a caption heading with a headline class
            titled_page(f'<header><h1 class="logo">Coastline Times</h1></header><h1>{HEADLINE}</h1>{CAPTION_HEADING}',
                        title=f"{HEADLINE} | Coastline Times", site=""),
            HEADLINE, id="title and h1 agree over a caption heading",
        ),
        pytest.param(  # <title> and <h1> agree; the caption heading is inside the article
            titled_page(f"<h1>{HEADLINE}</h1>", CAPTION_HEADING + "<aside><h1>Most read</h1></aside>",
                        title=f"{HEADLINE} - Coastline Times"),
            HEADLINE, id="caption heading in the body",
        ),
        pytest.param(  # section band <h1> listed in the navigation; <title> holds the headline
            titled_page('<div class="band"><h1>Health Center</h1></div>', f"<h2>{HEADLINE}</h2>",
                        title=f"{HEADLINE} | Coastline Times"),
            HEADLINE, id="nav section h1",
        ),
        pytest.param(  # the same, with og:title
            titled_page('<div class="band"><h1>Health Center</h1></div>', f"<h2>{HEADLINE}</h2>",
                        title="Coastline Times", meta=og(HEADLINE)),
            HEADLINE, id="nav section h1 and og:title",
        ),
        pytest.param(  # section <h1> that the <title> trails after the headline
            titled_page('<div class="band"><h1>Heart Health Center</h1></div>', f"<h2>{HEADLINE}</h2>",
                        title=f"{HEADLINE} | Heart Health Center | Coastline Times"),
            HEADLINE, id="title-trailing section h1",
        ),
        pytest.param(  # the only <h1> is the site's name
            titled_page("<h1>Coastline Times</h1>", title=f"{HEADLINE} - Coastline Times"),
            HEADLINE, id="site-name h1",
        ),
        pytest.param(  # a section label <h1> that the <title> puts before the headline
            titled_page("", f"<h1>Viewpoint</h1><h2>{HEADLINE}</h2>", title=f"Viewpoint | {HEADLINE} | Coastline"),
            HEADLINE, id="title-leading section h1",
        ),
        pytest.param(  # an icon's <svg><title> before the page's <title> is not the page title
            titled_page('<h1 class="logo">Coastline Times</h1>', title=f"{HEADLINE} - Coastline Times").replace(
                "<head>", "<head><svg><title>Menu</title></svg>"
            ),
            HEADLINE, id="svg title",
        ),
        pytest.param(  # og:title names a section of the navigation
            titled_page("", f"<h2>{HEADLINE}</h2>", title=f"{HEADLINE} | Coastline Times", meta=og("Health Center")),
            HEADLINE, id="section og:title",
        ),
    ],
)
def test_headline_is_not_a_caption_or_chrome(html: str, expected: str) -> None:
    article = clean(html)
    assert article.title == expected
    assert list(article.paragraphs) == FERRY


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(  # breadcrumbs list the current story: still the headline
            titled_page(f'<ol class="breadcrumb"><li><a href="/local">Local</a></li><li>{HEADLINE}</li></ol>'
                        f"<h1>{HEADLINE}</h1>", title=HEADLINE, meta=og(HEADLINE)),
            HEADLINE, id="headline in breadcrumbs",
        ),
        pytest.param(  # a headline that contains a section's name is not that section
            titled_page(f"<h1>{REOPENS}</h1>", title=REOPENS), REOPENS, id="headline containing a section name",
        ),
        pytest.param(  # a dash inside the headline is kept, the site's name after it is cut
            titled_page("", title="Terminal opens — and traders are pleased - Coastline Times",
                        meta=og("Terminal opens — and traders are pleased - Coastline Times")),
            "Terminal opens — and traders are pleased", id="dash inside the headline",
        ),
        pytest.param(  # the visible headline differs from the SEO title: the visible one stays
            titled_page("", f"<h1>{HEADLINE}</h1>", title="Harbour news: new terminal date set",
                        meta=og("Harbour news: new terminal date set")),
            HEADLINE, id="visible headline over a different og:title",
        ),
    ],
)
def test_headline_must_not_cases(html: str, expected: str) -> None:
    assert clean(html).title == expected


@pytest.mark.parametrize(
    ("html_attrs", "head", "expected"),
    [
        ('lang="pt-BR"', "", "pt-BR"),
        ('xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"', "", "en"),
        ("", '<meta http-equiv="Content-Language" content="it">', "it"),
        ("", '<meta property="og:locale" content="en_US">', "en-US"),
        ('lang=""', "", None),
        ('lang="not a language tag"', "", None),
    ],
)
def test_declared_language(html_attrs: str, head: str, expected: str | None) -> None:
    body = "".join(f"<p>{p}</p>" for p in FERRY)
    html = f"<html {html_attrs}><head><title>{HEADLINE}</title>{head}</head><body><article>{body}</article></body>"
    assert clean(html).metadata.get("language") == expected


HOVER_CASES = {
    "name link with a card": (
        '<span class="rollover-person"><a class="rollover-person-link" href="/p/1">Maria Lopez</a>'
        '<span class="rollover-person-card"><a href="/p/1">Maria Lopez</a> Latest stories by her</span></span>'
    ),
    "term with a tooltip": '<span class="tooltip">Maria Lopez<span class="tooltip-text">Councillor</span></span>',
}


@pytest.mark.parametrize("trigger", HOVER_CASES.values(), ids=HOVER_CASES.keys())
def test_hover_card_goes_and_its_trigger_stays(trigger: str) -> None:
    body = (
        "<article><h1>Ferry terminal to open in spring</h1>"
        + "".join(f"<p>{p}</p>" for p in FERRY[:3])
        + f"<p>The plan was backed by councillor {trigger} at the meeting on Tuesday.</p>"
        + "".join(f"<p>{p}</p>" for p in FERRY[3:])
        + "</article>"
    )
    article = clean(page(body))
    assert article.paragraphs[3] == "The plan was backed by councillor Maria Lopez at the meeting on Tuesday."


def test_a_lone_hover_card_still_goes() -> None:
    body = (
        "<article><h1>Ferry terminal to open in spring</h1>"
        + "".join(f"<p>{p}</p>" for p in FERRY[:3])
        + '<p>The plan was backed by the council<span class="popover">Read our guide to the council</span>.</p>'
        + "".join(f"<p>{p}</p>" for p in FERRY[3:])
        + "</article>"
    )
    article = clean(page(body))
    assert article.paragraphs[3] == "The plan was backed by the council."


@pytest.mark.parametrize("mark", ["\u200c", "\u200e", "\u00ad", ""])
def test_link_and_caption_texts_match_extracted_lines(mark: str) -> None:
    """A teaser line trafilatura keeps has its invisible characters removed: the page's link
    and caption texts must be normalised the same way, or the teaser stays in the body."""
    teaser = f"Our guide explains how the new {mark}night timetable{mark} works for every ferry route."
    caption = f"Passengers{mark} boarding the first ferry of the day"
    tree = lxml.html.fromstring(
        f'<html><body><a href="/guide"><p>{teaser}</p></a><figure><img src="f.jpg">'
        f"<figcaption>{caption}</figcaption></figure></body></html>"
    )
    captions, links = caption_and_link_texts(tree)
    assert sanitize(teaser) in links
    assert sanitize(caption) in captions
