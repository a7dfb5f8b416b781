"""The chat answer's floor: numbered sentences from the retrieved sources, answers composed
from them with citations, and the check every generated answer passes before it is shown.

A generated answer is used only when it reads as an answer to the query drawn from the
sources: not the system prompt, a persona, an apology or a refusal, and most of its content
words found in the sources. Otherwise the answer is composed from the sources' own sentences,
which is also how a small model answers at all (it picks sentences by number).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import text
from .schema import ANSWER_ID, ChatAnswerItem, Item

MAX_SENTENCES = 6  # numbered for the model to choose from
MIN_CHARS, MAX_CHARS = 25, 260
MIN_GROUNDED = 0.6  # share of an answer's content words that must occur in its sources
MIN_WORDS = 4
MAX_LEAD_WORDS = 12

# What answers that are not answers say: the model describing itself or its task, refusing,
# apologising, or chatting. Matched case-insensitively anywhere in the text.
NOT_AN_ANSWER = re.compile("|".join((
    r"\bI(?:'m| am) (?:genserp|an? (?:ai|language model|chatbot|assistant|search engine))",
    r"\bas an ai\b", r"\blanguage model\b", r"\bresults page\b", r"\b12 columns\b",
    r"\bgrid of\b", r"\bI compose\b", r"\bfirst-person\b", r"\bI(?:'m| am) sorry\b",
    r"\bI apologi[sz]e\b", r"\bI (?:can(?:no|')t|don'?t have|do not have|am unable|'m unable)\b",
    r"\bbrowse the (?:internet|web)\b", r"\breal-time\b", r"\bglad to hear\b",
    r"\bhappy to help\b", r"^\s*(?:hi|hello|hey|sure|certainly|of course)\b",
    r"\bsmollm\b", r"\bhugging ?face\b", r"\bI reply with\b", r"\busing only these results\b",
)), re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")
_CITE = re.compile(r"\s*\[(\d{1,2})\]")


@dataclass(frozen=True)
class Sentence:
    n: int  # 1-based, as shown to the model
    text: str
    source: str  # the item id it comes from
    hits: int  # informative query words it contains


def sources_text(item: Item) -> str:
    """The prose of a source that answers may quote."""
    return " ".join(str(getattr(item, f, "") or "") for f in ("snippet", "description"))


def source_sentences(query: str, sources: Sequence[Item],
                     limit: int = MAX_SENTENCES) -> list[Sentence]:
    """The sentences of the sources that mention the query, most on point first (then in
    source order), numbered from 1; none when no source says anything about the query."""
    wanted = {text.stem(w) for w in text.content_words(query)}
    found: list[tuple[int, int, str, str]] = []
    seen: set[str] = set()
    for rank, item in enumerate(sources):
        for sentence in _SENTENCE_END.split(sources_text(item).strip()):
            sentence = " ".join(sentence.split())
            key = sentence.lower()
            if not MIN_CHARS <= len(sentence) <= MAX_CHARS or key in seen:
                continue
            seen.add(key)
            hits = len(wanted & text.stems(f"{sentence} {item.title}"))
            if hits or not wanted:
                found.append((-hits, rank, sentence, item.id))
    found.sort(key=lambda f: (f[0], f[1]))
    return [Sentence(n, s, source, -hits)
            for n, (hits, _, s, source) in enumerate(found[:limit], start=1)]


def compose(query: str, picked: Sequence[Sentence], lead: str = "") -> ChatAnswerItem:
    """An answer made of source sentences, each marked with its citation number."""
    citations: list[str] = []
    lead = lead.strip()
    parts = [lead if lead.endswith((".", "!", "?", ":")) else lead + "."] if lead else []
    for s in picked:
        if s.source not in citations:
            citations.append(s.source)
        body = s.text if s.text.endswith((".", "!", "?")) else s.text + "."
        parts.append(f"{body} [{citations.index(s.source) + 1}]")
    return ChatAnswerItem(id=ANSWER_ID, title=query, text=" ".join(parts), citations=citations)


def nothing_found(query: str) -> ChatAnswerItem:
    return ChatAnswerItem(id=ANSWER_ID, title=query, text=(
        f"The results I can search say nothing about “{query}”, so I have no answer to "
        "give."), citations=[])


def extractive(query: str, sources: Sequence[Item], n: int = 2) -> ChatAnswerItem:
    """The answer with no model: the sources' n most on-point sentences."""
    sentences = source_sentences(query, sources)
    return compose(query, sentences[:n]) if sentences else nothing_found(query)


def problems(answer: str, sources: Sequence[Item], query: str = "") -> list[str]:
    """Why `answer` must not be shown as the answer (empty: it may be)."""
    bare = _CITE.sub("", answer).strip()
    found = []
    if len(text.words(bare)) < MIN_WORDS:
        found.append("it is too short to be an answer")
    if m := NOT_AN_ANSWER.search(bare):
        found.append(f"it speaks as a persona or refuses (“{m.group(0).strip()}”)")
    share = grounded_share(bare, sources, query)
    if share < MIN_GROUNDED:
        found.append(f"only {share:.0%} of its content words are in the sources")
    return found


def grounded_share(answer: str, sources: Sequence[Item], query: str = "") -> float:
    """The share of the answer's content words that occur in the sources (or the query)."""
    have = text.stems(" ".join(f"{i.title} {sources_text(i)}" for i in sources) + " " + query)
    words = [text.stem(w) for w in text.content_words(answer)]
    return sum(w in have for w in words) / len(words) if words else 0.0


def cited(query: str, answer: str, sources: Sequence[Item]) -> ChatAnswerItem:
    """A written answer whose [n] markers name sources by their number in `sources`,
    renumbered to the answer's own citation list (markers that name no source are dropped;
    with none at all, the sources it shares most words with are cited)."""
    citations: list[str] = []

    def renumber(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if not 1 <= n <= len(sources):
            return ""
        source = sources[n - 1].id
        if source not in citations:
            citations.append(source)
        return f" [{citations.index(source) + 1}]"

    body = _CITE.sub(renumber, answer).strip()
    if not citations:
        words = text.stems(body)
        ranked = sorted(sources, key=lambda s: -len(words & text.stems(sources_text(s))))
        citations = [s.id for s in ranked[:2] if words & text.stems(sources_text(s))]
    return ChatAnswerItem(id=ANSWER_ID, title=query, text=body, citations=citations)


def lead_problems(lead: str, sources: Sequence[Item], query: str) -> list[str]:
    if not lead.strip():
        return []
    if len(text.words(lead)) > MAX_LEAD_WORDS:
        return ["the lead is too long"]
    if m := NOT_AN_ANSWER.search(lead):
        return [f"the lead speaks as a persona (“{m.group(0).strip()}”)"]
    if grounded_share(lead, sources, query) < MIN_GROUNDED:
        return ["the lead says things the sources do not"]
    if {text.stem(w) for w in text.content_words(lead)} <= text.stems(query):
        return ["the lead only repeats the query"]  # the answer's title shows the query
    return []
