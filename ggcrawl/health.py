"""When a crawl's extraction looks wrong: the judgement over the counts the archive keeps
(:mod:`ggcrawl.store.health`).

A field found on far fewer articles than in the previous crawl, or a crawl whose articles mostly
carry ``parse_warnings``, is the mark of a changed template: the crawl still archives every page
as served (``ggcrawl reparse`` brings the fields back once extraction knows the new markup),
and says so with its own exit status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Fewer articles than this in a crawl (or in the one before) tell nothing about its health:
# an incremental crawl that found three new articles is no sample.
MIN_SAMPLE = 10
# A field's found-rate falling by more than this (0.25: from 98 % to below 73 %) is a drop.
DROP = 0.25
# A crawl whose articles carry a warning more often than this is flagged on its own.
WARNED = 0.5


@dataclass(frozen=True)
class Flag:
    field: str
    rate: float
    previous: float | None
    reason: str
    examples: list[str] = field(default_factory=list)


def rates(counts: dict[str, tuple[int, int]]) -> dict[str, float]:
    return {name: found / articles for name, (articles, found) in counts.items() if articles}


def judge(
    current: dict[str, tuple[int, int]], previous: dict[str, tuple[int, int]] | None
) -> list[Flag]:
    """The flags of a crawl's health against the previous crawl's (None: first crawl)."""
    articles = max((n for n, _ in current.values()), default=0)
    if articles < MIN_SAMPLE:
        return []
    now = rates(current)
    flags = []
    warned = now.get("parse_warnings", 0.0)
    if warned > WARNED:
        flags.append(
            Flag("parse_warnings", warned, None, f"{warned:.0%} of the articles carry warnings")
        )
    before_articles = max((n for n, _ in (previous or {}).values()), default=0)
    if previous is None or before_articles < MIN_SAMPLE:
        return flags
    before = rates(previous)
    for name, rate in now.items():
        if name == "parse_warnings" or name not in before:
            continue
        if before[name] - rate > DROP:
            flags.append(
                Flag(name, rate, before[name], f"found on {rate:.0%}, was {before[name]:.0%}")
            )
    return flags
