"""Full-text search that finds Chinese words of any length, two characters included.

Why this tokenizer: SQLite's built-in FTS5 tokenizers cannot do it. ``unicode61`` treats a run
of Han characters as one token, so 关工 inside 关工委 is never found; ``trigram`` finds any
substring of three or more characters but cannot match a two-character word such as 关工 or
扶贫 (and LIKE fallbacks scan the whole table). A custom C tokenizer would bind the archive to
an extension that researchers' sqlite3, pandas and Datasette do not load.

So the text is segmented here, in Python, before it reaches FTS5: every run of Han characters
is written as its overlapping bigrams plus its last character (关工委 → ``关工 工委 委``),
everything else is left to ``unicode61``. A two-character word is then exactly one token, a
longer word is a phrase of consecutive bigrams, and a single character is a prefix query:
matches are exact substrings, found through the index in milliseconds. The index table is
contentless (the text itself lives once, in ``articles``), keyed by ``articles.id``.

Ranking (bm25) costs FTS5 a few microseconds per hit: nothing for a rare word, but a word
found in half of 100,000 articles has 50,000 hits to score. So a query ranks at most its
``RANK_WINDOW`` most recently archived hits (:func:`window_condition`): up to that many hits
the ranking is exact; beyond, the best of the newest are shown and the caller says so. Every
hit is still found (counts, the unranked listing, SQL); ``window=None`` ranks them all.

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


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for a search box query: every term must occur (AND); a term
    in double quotes is matched as one phrase. None when the query has no searchable text."""
    phrases: list[str] = []
    for quoted, bare in TERM.findall(query):
        tokens, prefix = _term_tokens(quoted or bare)
        if not tokens:
            continue
        phrase = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
        phrases.append(phrase + ("*" if prefix else ""))
    return " AND ".join(phrases) if phrases else None


def window_condition(match: str, window: int) -> str:
    """An SQL condition on ``articles_fts`` that keeps a query's ``window`` most recently
    archived hits (all of them when it has no more): ``match`` is the MATCH operand, a
    parameter such as ``:q`` or an SQL expression. FTS5 takes it as a rowid range, so only
    those hits are scored."""
    return (
        "articles_fts.rowid > COALESCE((SELECT rowid FROM articles_fts "
        f"WHERE articles_fts MATCH {match} ORDER BY rowid DESC LIMIT 1 OFFSET {int(window)}), 0)"
    )
