"""The tracker's HTML pages: plain, accessible HTML; the figures refresh by polling the API.

No front-end build: one small inline script fetches ``/api/...`` every :data:`REFRESH_SECONDS`
and re-renders the lists (with ``aria-live="polite"`` so screen readers hear the change).
The server renders the first state too, so the page reads without JavaScript.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import quote

REFRESH_SECONDS = 5  # a new article every few seconds is a busy stream; faster polls only cost requests
# Marks a quotation ends with only because the sentence goes on after it ("... crossing," said X):
# left out of the page (the records keep the text as extracted). Sentence ends (. ? ! …) stay.
TRAILING = " \t\n\u00a0,;:\u2013\u2014-"


def display_text(text: str) -> str:
    """A quotation's text as the page shows it: without :data:`TRAILING` marks at its end."""
    return text.rstrip(TRAILING)

_STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:1.5rem}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ccc}blockquote{margin:.5rem 0;padding-left:.75rem;
border-left:4px solid #246}a{color:#0645ad}.meta{color:#444;font-size:.9rem}.cols{display:flex;gap:2rem;flex-wrap:wrap}
.cols section{flex:1 1 20rem}"""

_SCRIPT = """
const esc = s => String(s ?? '').replace(/[&<>"']/g,
  c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const display = t => { const s = String(t ?? ''); let i = s.length;
  while (i > 0 && TRAILING.includes(s[i - 1])) i--; return s.slice(0, i); };
const speakerLink = n => `<a href="/speakers/${encodeURIComponent(n)}">${esc(n)}</a>`;
function speakerRows(list) {
  if (!list.length) return '<tr><td colspan="2">No quotations yet.</td></tr>';
  return list.map(s => `<tr><td>${speakerLink(s.name)}</td><td>${s.quotes}</td></tr>`).join('');
}
function quotationItems(list) {
  if (!list.length) return '<li>No quotations yet.</li>';
  return list.map(q => `<li><blockquote>${esc(display(q.text))}</blockquote>
    <p class="meta">${speakerLink(q.speaker.name)}
    · ${q.occurrences} article${q.occurrences == 1 ? '' : 's'}
    · ${[...new Set(q.articles.map(a => a.source).filter(Boolean))].map(esc).join(', ')}</p></li>`).join('');
}
async function refresh() {
  try {
    for (const w of ['1h', '1d']) {
      const r = await fetch(`/api/speakers?window=${w}`); const d = await r.json();
      const el = document.getElementById(`speakers-${w}`); if (el) el.innerHTML = speakerRows(d.speakers.slice(0, 10));
    }
    const q = document.getElementById('quotations');
    if (q) {
      const r = await fetch(q.dataset.source); const d = await r.json(); q.innerHTML = quotationItems(d.quotations);
    }
    document.getElementById('updated').textContent = new Date().toLocaleTimeString();
  } catch (e) { /* the next poll tries again */ }
}
setInterval(refresh, REFRESH_MS);
""".replace("REFRESH_MS", str(REFRESH_SECONDS * 1000)).replace("TRAILING", json.dumps(TRAILING))


def _speaker_link(name: str) -> str:
    return f'<a href="/speakers/{quote(name, safe="")}">{escape(name)}</a>'


def _speaker_rows(speakers: list[dict[str, Any]]) -> str:
    if not speakers:
        return '<tr><td colspan="2">No quotations yet.</td></tr>'
    return "".join(f"<tr><td>{_speaker_link(s['name'])}</td><td>{s['quotes']}</td></tr>" for s in speakers)


def _quotation_items(quotations: list[dict[str, Any]]) -> str:
    if not quotations:
        return "<li>No quotations yet.</li>"
    items = []
    for q in quotations:
        outlets = ", ".join(escape(s) for s in dict.fromkeys(a["source"] for a in q["articles"] if a.get("source")))
        n = q["occurrences"]
        items.append(f"<li><blockquote>{escape(display_text(q['text']))}</blockquote><p class=\"meta\">"
                     f"{_speaker_link(q['speaker']['name'])} · {n} article{'' if n == 1 else 's'} · {outlets}</p></li>")
    return "".join(items)


def _document(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>{body}"
            f'<p class="meta">Refreshed every {REFRESH_SECONDS} s; last update <span id="updated">at load</span>.</p>'
            f"<script>{_SCRIPT}</script></body></html>")


def _speaker_table(window: str, label: str, speakers: list[dict[str, Any]]) -> str:
    return (f'<section aria-labelledby="h-{window}"><h2 id="h-{window}">Most quoted, {label}</h2><table>'
            f'<thead><tr><th scope="col">Speaker</th><th scope="col">Quotations</th></tr></thead>'
            f'<tbody id="speakers-{window}" aria-live="polite">{_speaker_rows(speakers)}</tbody></table></section>')


def home_page(hour: dict[str, Any], day: dict[str, Any], latest: dict[str, Any]) -> str:
    """``/``: top speakers of the last hour and day, the latest quotations."""
    body = ("<header><h1>Who is quoted, saying what</h1></header><main>"
            f'<div class="cols">{_speaker_table("1h", "last hour", hour["speakers"][:10])}'
            f'{_speaker_table("1d", "last day", day["speakers"][:10])}</div>'
            '<section aria-labelledby="h-latest"><h2 id="h-latest">Latest quotations</h2>'
            f'<ul id="quotations" data-source="/api/quotations?limit=20" aria-live="polite">'
            f"{_quotation_items(latest['quotations'])}</ul></section></main>")
    return _document("Quote tracker", body)


def speaker_page(name: str, hour: dict[str, Any] | None, day: dict[str, Any] | None,
                 quotations: dict[str, Any]) -> str:
    """``/speakers/{name}``: the speaker's counts, co-quoted speakers and quotations."""
    counts = (f"{(hour or {}).get('quotes', 0)} quotations in the last hour, "
              f"{(day or {}).get('quotes', 0)} in the last day")
    co = (day or {}).get("co_quoted") or []
    co_html = ", ".join(f"{_speaker_link(c['name'])} ({c['quotes']})" for c in co) or "nobody yet"
    source = f"/api/quotations?speaker={quote(name, safe='')}&amp;limit=50"
    body = (f'<header><p><a href="/">All speakers</a></p><h1>{escape(name)}</h1><p>{escape(counts)}</p></header>'
            f"<main><section aria-labelledby=\"h-co\"><h2 id=\"h-co\">Quoted in the same articles</h2><p>{co_html}</p>"
            '</section><section aria-labelledby="h-q"><h2 id="h-q">Quotations</h2>'
            f'<ul id="quotations" data-source="{source}" aria-live="polite">'
            f"{_quotation_items(quotations['quotations'])}</ul></section></main>")
    return _document(f"{name}: quotations", body)
