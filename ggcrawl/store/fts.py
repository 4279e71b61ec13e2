"""Full-text search that finds Chinese words of any length, two characters included.

Why this tokenizer: SQLite's built-in FTS5 tokenizers cannot do it. ``unicode61`` treats a run
of Han characters as one token, so 关工 inside 关工委 is never found; ``trigram`` finds any
substring of three or more characters but cannot match a two-character word such as 关工 or
扶贫 (and LIKE fallbacks scan the whole table). A custom C tokenizer would bind the archive to
an extension that researchers' sqlite3, pandas and Datasette do not load.

So the text is segmented here, in Python, before it reaches FTS5: every run of Han characters
is written as its overlapping bigrams plus its last character (关工委 → ``关工 工委 委``),
everything else is left to ``unicode61``. A two-character word is then exactly one token, a
longer word is a phrase of consecutive bigrams, and a single character is a prefix query
(委 → ``委*``: 委 or any bigram that starts with it), answered from the index's one-character
prefix index (``prefix='1'``) instead of merging the lists of every such bigram (250 to 290
ms for 2019年 in 100,000 articles without it, about 13 with it). Matches are exact
substrings, found through the index in milliseconds. The index table is contentless (the text
itself lives once, in ``articles``), keyed by ``articles.id``.

Ranking (bm25) costs FTS5 a few microseconds per hit: nothing for a rare word, but a word
found in half of 100,000 articles has 50,000 hits to score. So a query ranks at most its
``RANK_WINDOW`` most recently archived hits (:func:`window_bound`): up to that many hits
the ranking is exact; beyond, the best of the newest are shown and the caller says so.

A phrase (a word of three or more characters) costs more: bm25 weighs each term by how many
articles hold it, and for a phrase FTS5 finds that out by matching the phrase in every one of
them, about 30 ms for 关心下一代 in 90,000 articles before a single hit is scored. A query that
holds a phrase (:func:`holds_phrase`) and has more hits than the window is therefore listed
most recently archived first, unranked, which takes a few milliseconds; the caller says so.
Every hit is still found (counts, the unranked listing, SQL); ``window=None`` ranks them all,
phrases included.

In plain SQL a two-character word needs no preparation
(``articles_fts MATCH '关工'``); for longer words use :func:`match_expression`, or write the
bigram phrase by hand (``MATCH '"关心 心下 下一 一代"'`` for 关心下一代).
"""

from __future__ import annotations

import re

# The most hits a search ranks: about 30 ms for a phrase on this project's 2-core machines.
RANK_WINDOW = 10_000
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
TERM = re.compile(r'"([^"]*)"|(\S+)')


def _han_tokens(run: str, *, last: bool) -> list[str]:
    if len(run) == 1:
        return [run]
    tokens = [run[i : i + 2] for i in range(len(run) - 1)]
    if last:
        tokens.append(run[-1])
    return tokens


def index_text(text: str | None) -> str:
    """The form of ``text`` that goes into the FTS5 table."""
    if not text:
        return ""
    pieces: list[str] = []
    position = 0
    for match in HAN_RUN.finditer(text):
        pieces.append(text[position : match.start()])
        pieces.append(" " + " ".join(_han_tokens(match.group(), last=True)) + " ")
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _term_tokens(term: str) -> tuple[list[str], bool]:
    """Tokens for one query term, and whether the last one is a prefix."""
    tokens: list[str] = []
    prefix = False
    position = 0
    runs = list(HAN_RUN.finditer(term))
    for number, match in enumerate(runs):
        tokens.extend(_plain_tokens(term[position : match.start()]))
        at_end = number == len(runs) - 1 and not _plain_tokens(term[match.end() :])
        run = match.group()
        if at_end and len(run) == 1:
            tokens.append(run)
            prefix = True
        else:
            tokens.extend(_han_tokens(run, last=not at_end))
        position = match.end()
    tokens.extend(_plain_tokens(term[position:]))
    return tokens, prefix


def _plain_tokens(text: str) -> list[str]:
    return [word for word in re.split(r"[^\w]+", text) if word]


def _query_terms(query: str) -> list[tuple[list[str], bool]]:
    """The tokens of each searchable term of ``query``, and whether the last is a prefix."""
    terms = (_term_tokens(quoted or bare) for quoted, bare in TERM.findall(query))
    return [(tokens, prefix) for tokens, prefix in terms if tokens]


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for a search box query: every term must occur (AND); a term
    in double quotes is matched as one phrase. None when the query has no searchable text."""
    phrases = [
        '"' + " ".join(t.replace('"', '""') for t in tokens) + '"' + ("*" if prefix else "")
        for tokens, prefix in _query_terms(query)
    ]
    return " AND ".join(phrases) if phrases else None


def query_words(query: str) -> list[str]:
    """The words of a search box query as a reader sees them in a hit (a quoted phrase whole),
    to mark where they occur."""
    words = ((quoted or bare).strip() for quoted, bare in TERM.findall(query))
    return [word for word in words if _term_tokens(word)[0]]


def holds_phrase(query: str) -> bool:
    """Whether a term of ``query`` is a phrase of several tokens (a Chinese word of three or
    more characters, or quoted words): bm25 ranks such a term only after matching it in every
    article that holds it, which for a common phrase costs more than the rest of the search."""
    return any(len(tokens) > 1 for tokens, _ in _query_terms(query))


def window_bound(match: str, window: int) -> str:
    """An SQL expression: the rowid of the newest hit older than the query's ``window`` most
    recently archived ones, NULL when it has no more hits than that; ``articles_fts.rowid >
    COALESCE(bound, 0)`` keeps that window, which FTS5 takes as a rowid range, so only those
    hits are scored. ``match`` is the MATCH operand, a parameter such as ``:q`` or an SQL
    expression."""
    return (
        f"(SELECT rowid FROM articles_fts WHERE articles_fts MATCH {match} "
        f"ORDER BY rowid DESC LIMIT 1 OFFSET {int(window)})"
    )
