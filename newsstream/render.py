"""Human-readable one-screen renderings of pipeline messages (``tail``, ``run``)."""

from __future__ import annotations

import base64
import textwrap
from typing import Any

WIDTH = 100


def render(topic_kind: str, value: dict[str, Any]) -> str:
    """Render a decoded message of ``topic_kind`` (``enriched``, ``quotes``, ``deadletter``, ...)."""
    if topic_kind == "enriched":
        return render_enriched(value)
    if topic_kind == "quotes":
        return render_quote(value)
    if topic_kind == "deadletter":
        return render_deadletter(value)
    if topic_kind == "clean":
        paragraphs = value.get("paragraphs", [])
        return f"• {value.get('id')}  {value.get('title') or '(no title)'}  [{len(paragraphs)} paragraphs]"
    return str(value)[:WIDTH * 3]


def render_enriched(value: dict[str, Any]) -> str:
    quotes = value.get("quotes", [])
    lines = [f"● {value.get('id')}  {value.get('title') or '(no title)'}",
             f"  {len(value.get('paragraphs', []))} paragraphs, {len(quotes)} quotes, "
             f"{len(value.get('captions', []))} captions, {len(value.get('removed', []))} removals"]
    lines += ["  " + render_quote(quote) for quote in quotes]
    return "\n".join(lines)


def render_quote(quote: dict[str, Any]) -> str:
    speaker = quote.get("speaker") or {}
    who = speaker.get("name") or speaker.get("mention") or "(unattributed)"
    if speaker.get("role"):
        who += f", {speaker['role']}"
    cue = (quote.get("cue") or {}).get("text")
    text = textwrap.shorten(quote.get("text", ""), width=70, placeholder="…")
    return f"“{text}” — {who}" + (f" [{cue}]" if cue else "") + f" ({quote.get('type')})"


def render_deadletter(value: dict[str, Any]) -> str:
    original = value.get("original", {})
    preview = ""
    if original.get("value_b64"):
        raw = base64.b64decode(original["value_b64"])[:60]
        preview = raw.decode("utf-8", errors="replace").replace("\n", " ")
    return (f"✗ {original.get('topic')}[{original.get('partition')}]@{original.get('offset')} "
            f"stage={value.get('stage')} {value.get('error_type')}: {value.get('reason')}\n"
            f"  value ({original.get('value_size')} bytes): {preview!r}")
