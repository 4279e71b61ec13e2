"""Where the parts of an article page are: the meta line, the body's lines, the chain's
labels, the line the title stands above. Labels first; the densest block of prose where they
do not settle it, with the decision noted."""

from __future__ import annotations

from dataclasses import dataclass

from ggcrawl.extract.chain import chain_after
from ggcrawl.extract.density import (
    LINE_COST,
    Block,
    dense_block,
    line_weights,
    table_after,
)
from ggcrawl.extract.document import NOT_HEADING, Line, Page, heading_level
from ggcrawl.extract.labels import FIRST_SECTION, is_footer_text
from ggcrawl.extract.line_kinds import is_furniture
from ggcrawl.extract.meta import (
    DATE_REACH,
    MetaLine,
    find_meta_line,
    is_toolbar_line,
    unlabelled_meta,
)
from ggcrawl.extract.text_start import body_start

# Below this many characters between a labelled meta line and 上一篇/下一篇, the densest
# block is asked whether the labels placed the text; it places it instead when it stands
# above the meta line and weighs this many times as much.
THIN_TEXT = 600
OUTWEIGHS = 4


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article page are, in lines: the meta line, the body's lines
    ``start``..``end`` (exclusive), the run of the first 上一篇/下一篇 label, and the line the
    title stands above. ``notes`` say where labels and density disagreed and which won."""

    meta: MetaLine | None
    start: int
    end: int
    chain_at: int | None
    title_above: int
    notes: tuple[str, ...] = ()
    dated_by: MetaLine | None = None  # the document date that dates an article placed otherwise


def find_layout(page: Page, after_line: int) -> Layout:
    """Labels first: the body runs from below the labelled meta line to 上一篇/下一篇. Where
    either is missing, or the stretch between them holds no prose, the densest block of prose
    (:mod:`ggcrawl.extract.density`) places the body, and the meta line is looked for next to
    it, labelled or not. A document's date in a disclosure table (生成日期) dates the article
    but places nothing: the table stands above the title."""
    meta = find_meta_line(page, after_line)
    dated_by = None
    below = after_line  # where a date beside the text may stand: past the document's table
    if meta is not None and meta.document:
        dated_by, meta = meta, None
        below = max(after_line, dated_by.line + 2)
    start = body_start(page, meta.below if meta else after_line + 1)
    chain_at = chain_after(page, start)
    notes: list[str] = []
    weights: list[int] | None = None
    block: Block | None = None
    if meta is not None and chain_at is not None:
        end = page.line_index_at(chain_at)
        if not _holds_prose(page, start, end):
            notes.append("body: no text between the meta line and 上一篇/下一篇; found by density")
        elif not _thin_under_prose(page, meta, start, end):
            return Layout(meta, start, end, chain_at, meta.line)
        else:
            weights = line_weights(page)
            block = dense_block(page, weights)
            if not _outweighed(weights, meta, block, _weight(weights, start, end)):
                return Layout(meta, start, end, chain_at, meta.line)
            notes.append(
                f"body: little text between the meta line and 上一篇/下一篇, more above it "
                f"(lines {block.start}-{block.end}): the time label on line {meta.line} is "
                "not the article's; found by density"
            )
            meta = unlabelled_meta(page, block, below)
    if weights is None:
        weights = line_weights(page)
        block = dense_block(page, weights)
    table = _table_below(page, start) if meta is not None and chain_at is None else None
    if table is not None and (block is None or block.end <= table[0] or block.start >= table[1]):
        notes.append("body: no prose under the meta line; the table there is the text")
        return Layout(meta, start, table[1], None, meta.line, tuple(notes), dated_by)
    if block is not None and meta is not None and meta.labelled and _is_field(page, block):
        block = None  # the densest is a field's value (地址 ： …): the page has no prose
    if block is None:
        end = page.line_index_at(chain_at) if chain_at is not None else _footer_line(page, start)
        title_above = meta.line if meta else 0
        return Layout(meta, start, end, chain_at, title_above, tuple(notes), dated_by)
    if meta is not None and not _near(page, meta.line, block):
        nearer = unlabelled_meta(page, block, below)
        if nearer is not None or meta.line > block.start:
            notes.append(
                f"published_at: the time label on line {meta.line} stands apart from the "
                f"text (lines {block.start}-{block.end}), not taken"
            )
            meta = nearer
    elif meta is None:
        meta = unlabelled_meta(page, block, below)
    if meta is not None and meta.line < block.start:
        start = body_start(page, meta.below)
        if start < block.start:
            # Lines above the block are text only where no links or toolbar part them from it
            # (a lead photo's caption above the share buttons is not).
            parted = [i for i in range(start, block.start) if weights[i] < -LINE_COST]
            start = parted[-1] + 1 if parted else start
            while (
                start < block.start
                and weights[start] <= 0
                and not FIRST_SECTION.match(page.lines[start].text)
                and not is_headline(page, page.lines[start])
            ):
                start += 1
            start = body_start(page, start)
        end, title_above = block.end, meta.line
    elif (
        meta is not None
        and meta.line < block.end
        and _weight(weights, meta.line + 1, block.end) >= _weight(weights, block.start, meta.line)
    ):
        start, end, title_above = body_start(page, meta.below), block.end, meta.line
    else:  # no meta line, or one printed below the text; never from the breadcrumb up
        start = body_start(page, max(block.start, after_line))
        end = min(block.end, meta.line) if meta is not None else block.end
        title_above = start
    chain_at = chain_after(page, start)
    if chain_at is not None:
        chain_line = page.line_index_at(chain_at)
        end = min(end, chain_line) if end > start else chain_line
    if meta is not None and not meta.labelled:
        notes.append(f"published_at: no time label; the date beside the text (line {meta.line})")
    return Layout(meta, start, max(end, start), chain_at, title_above, tuple(notes), dated_by)


def _length(page: Page, start: int, end: int) -> int:
    return sum(len(line.text) for line in page.lines[start:end])


def _thin_under_prose(page: Page, meta: MetaLine, start: int, end: int) -> bool:
    """Whether lines ``start``..``end`` under the labelled meta line hold less than
    :data:`THIN_TEXT` characters and the lines above it more sentences (lines with a 。) than
    that: a cheap test of whether the densest block may stand above, before that pass."""
    length = _length(page, start, end)
    if length >= THIN_TEXT:
        return False
    return sum(len(line.text) for line in page.lines[: meta.line] if "。" in line.text) >= length


def _outweighed(weights: list[int], meta: MetaLine, block: Block | None, weight: int) -> bool:
    """Whether the densest block stands wholly above a labelled meta line and weighs
    :data:`OUTWEIGHS` times as much as prose as the lines below it (``weight``): the label is
    a reader's comment's (…用户 发表于 2022-04-17 08:01), under the article's text, whose own
    meta line has no label."""
    return (
        block is not None
        and block.end <= meta.line
        and _weight(weights, block.start, block.end) >= OUTWEIGHS * max(weight, 1)
    )


def _is_field(page: Page, block: Block) -> bool:
    """Whether ``block`` is one line that holds no sentence: a field of a notice of fields
    and tables (a procurement notice's 地址 ： …), not a text's paragraph."""
    return block.end - block.start == 1 and "。" not in page.lines[block.start].text


def is_headline(page: Page, line: Line) -> bool:
    """A heading the ``<title>`` names, or a line that is the whole ``<title>``: the headline,
    printed under the date (机器之心), which the title is read from, not a line to pass on the
    way to the text."""
    if len(line.text) < 4:
        return False
    if line.text == page.title_text:
        return True  # the whole <title>, whatever element prints it (a bold table cell)
    return heading_level(page, line) < NOT_HEADING and line.text in page.title_text


def _table_below(page: Page, start: int) -> tuple[int, int] | None:
    """Lines ``start`` to the end of a table that opens just below it
    (:func:`~ggcrawl.extract.density.table_after`): the text of a notice that is all table
    (a list of programmes, a 公示 of names)."""
    table = table_after(page, start)
    return (start, table[1]) if table is not None else None


def _weight(weights: list[int], start: int, end: int) -> int:
    return sum(weights[start:end])


def _near(page: Page, line: int, block: Block) -> bool:
    """Whether a meta line on ``line`` stands by the text: at most :data:`DATE_REACH` lines
    before or after it, not counting the toolbars and share bars between."""
    if line >= block.start:
        return line < block.end + DATE_REACH
    read = 0
    for between in page.lines[line + 1 : block.start]:
        read += not (is_furniture(between.text) or is_toolbar_line(page, between))
        if read >= DATE_REACH:
            return False
    return True


def _holds_prose(page: Page, start: int, end: int) -> bool:
    """Whether lines ``start``..``end`` hold any line of prose (not only furniture)."""
    lines = page.lines[start:end]
    return any(not is_furniture(line.text) for line in lines)


def _footer_line(page: Page, start_line: int) -> int:
    for index in range(start_line, len(page.lines)):
        if is_footer_text(page.lines[index].text):
            return index
    return len(page.lines)
