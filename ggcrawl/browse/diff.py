"""What changed between two versions of an article, as a reader wants to see it.

Body text is one paragraph a line, so it is compared line by line, and a changed line again
character by character: Chinese has no spaces, a word diff would mark whole paragraphs. The
result is plain data (text segments tagged ``del``/``ins``) that the template escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

# Below this similarity two lines are shown as one removed and one added, not as a mosaic of
# single characters.
PAIR_RATIO = 0.3

Segment = tuple[str, str]  # ("", text) unchanged, ("del", text) removed, ("ins", text) added


@dataclass(frozen=True)
class Line:
    kind: str  # " " unchanged, "-" old line, "+" new line
    segments: list[Segment]


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: list[Segment]
    new: list[Segment]
    changed: bool


def inline_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """The old and the new string, each cut into unchanged and removed/added runs."""
    if old == new:
        return [("", old)], [("", new)]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < PAIR_RATIO:
        return [("del", old)] if old else [], [("ins", new)] if new else []
    before: list[Segment] = []
    after: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            before.append(("", old[i1:i2]))
            after.append(("", new[j1:j2]))
            continue
        if i2 > i1:
            before.append(("del", old[i1:i2]))
        if j2 > j1:
            after.append(("ins", new[j1:j2]))
    return before, after


def text_diff(old: str, new: str) -> list[Line]:
    """Line-by-line diff of two texts; replaced lines carry their character-level changes."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    lines: list[Line] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            lines.extend(Line(" ", [("", text)]) for text in a[i1:i2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news))
        for before, after in zip(olds[:paired], news[:paired], strict=True):
            removed, added = inline_diff(before, after)
            lines.extend((Line("-", removed), Line("+", added)))
        lines.extend(Line("-", [("del", text)]) for text in olds[paired:])
        lines.extend(Line("+", [("ins", text)]) for text in news[paired:])
    return lines


def field_changes(old: dict, new: dict, names: tuple[str, ...]) -> list[FieldChange]:
    """Each named field of two versions, with its changes marked."""
    changes = []
    for name in names:
        before, after = old.get(name) or "", new.get(name) or ""
        removed, added = inline_diff(before, after)
        changes.append(FieldChange(name, removed, added, before != after))
    return changes
