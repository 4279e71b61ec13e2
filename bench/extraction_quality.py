"""`python -m bench.extraction_quality`: how often each extractor gets each field right.

Three extractors run side by side on the saved real pages (tests/fixtures/real/<split>/<name>/:
body.html as served, meta.json, expected.json): ggcrawl, GNE 0.4 and trafilatura 2 (the last
two optional: ``pip install -e '.[bench]'``). GNE and trafilatura read the text ggcrawl's own
``decode_html`` makes of the bytes. ggcrawl is also scored on the replica's dialects against
the ground truth (bench.replica_quality). Options: ``--corpus DIR`` (any folder; a page's
split is its folder's parent), ``--json PATH``, ``--markdown`` (README's tables),
``--failures`` (ggcrawl's wrong pages, expected against got; never the holdout's unless
``--show-holdout``: the holdout is not developed against), ``--replica-articles N`` (0: skip).

The scoring rules, all here (expected.json holds what the page shows a reader):

- body: right when the extracted body with all whitespace removed starts with ``body_start``
  and ends with ``body_end`` (ggcrawl's body_text, GNE's content, trafilatura's text).
- title: right when equal after whitespace runs become one space and the ends are stripped.
- date, counted where the page shows one: both values are read as (Y, M, D[, h, m[, s]]) with
  one pattern (ISO, "2020-10-04 20:30", "2020年10月04日" ...; a zone is ignored). Right when
  the components the page shows are equal and the extracted value shows no more: a date alone
  wants a date alone (a time, even 00:00, invents precision), minutes want minutes, except
  that seconds of 00 added to minutes are ggcrawl's stated convention and count as minutes.
- source, counted where the page names one: equal after the title's normalization. A page
  that names its medium with no 来源 label (``source_unlabelled``: 2012-01-17 中國時報) names
  one too. "Source invented" counts pages that name none where the extractor still returns one.
- prev/next links, counted where the page links either: right when both links equal the
  expected ones (None included) after ``ggcrawl.urls.normalize_url``. "Link invented" counts
  pages lacking a link where the extractor returns one for it.

Source and links are scored for ggcrawl only (GNE's author is not the source; neither GNE nor
trafilatura finds the 上一篇/下一篇 chain): "—" for the others. An extractor that raises on a
page gets every field of that page wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench.crawlers import REPO
from bench.quality_extractors import (
    INSTALL_HINT,
    LABELS,
    OFFERS,
    Extractor,
    Got,
    Sample,
    available_extractors,
    load_corpus,
    version,
)
from bench.replica_quality import replica_accuracy
from ggcrawl.urls import normalize_url

CORPUS = REPO / "tests" / "fixtures" / "real"
HOLDOUT = "holdout"
SPLIT_ORDER = ("dev", HOLDOUT)
REPLICA_SEED = 7
# Checks, in table order: fields are "right/counted"; the invented ones "invented/counted".
FIELDS = ("body", "date", "title", "source", "links")
INVENTED = ("source_invented", "links_invented")
CHECKS = FIELDS + INVENTED
LABEL = {
    "body": "body (first & last 20)",
    "date": "date at the page's precision",
    "title": "title",
    "source": "source",
    "links": "prev/next links",
    "source_invented": "source invented (fewer is better)",
    "links_invented": "link invented (fewer is better)",
}
NEEDS = {"source_invented": "source", "links_invented": "links"}  # what an extractor must offer
DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
# A time given with its zone's offset, and the zone the archive keeps times in.
ZONED = re.compile(r"T\d.*[+-]\d\d:\d\d$")
BEIJING = timezone(timedelta(hours=8))


# ----- the rules


def squeeze(text: str) -> str:
    """Text with every whitespace character removed, as body_start and body_end are written."""
    return "".join(text.split())


def normalize(text: str | None) -> str | None:
    """Whitespace runs as one space, ends stripped; None and blank alike are None."""
    if text is None:
        return None
    return " ".join(text.split()) or None


def body_right(expected: dict[str, Any], got: str | None) -> bool:
    """Both ends of the body, so that a body cut short or run on into the page's footer (the
    usual failures) is wrong, whatever whitespace the extractor put between lines."""
    text = squeeze(got or "")
    return (
        bool(text)
        and text.startswith(expected["body_start"])
        and text.endswith(expected["body_end"])
    )


def date_parts(value: str | None) -> tuple[int, ...] | None:
    """(Y, M, D), (Y, M, D, h, m) or (Y, M, D, h, m, s): what the value shows."""
    match = DATE.search(value or "")
    if match is None:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def in_beijing_time(value: str) -> str:
    """A label that names the page's own zone (``2012-12-10T10:41+00:00``, BBC中文网's
    格林尼治标准时间) as the archive keeps every time, in +08:00, at the precision shown."""
    if ZONED.search(value) is None:
        return value
    moment = datetime.fromisoformat(value).astimezone(BEIJING)
    return moment.isoformat(timespec="seconds" if value.count(":") > 2 else "minutes")[:-6]


def date_right(expected: str, got: str | None) -> bool:
    """The components the page shows, and no invented ones (seconds of 00 on minutes aside)."""
    want, have = date_parts(in_beijing_time(expected)), date_parts(got)
    if want is None or have is None or have[: len(want)] != want:
        return False
    extra = have[len(want) :]
    return not extra or (len(want) == 5 and extra == (0,))


def links_right(expected: dict[str, Any], got: Got) -> bool:
    """Both links as the archive stores URLs, so spelling (port, case, fragment) is no error."""
    return all(
        _url(expected.get(name)) == _url(getattr(got, name)) for name in ("prev_url", "next_url")
    )


def links_invented(expected: dict[str, Any], got: Got) -> bool | None:
    """Whether a link the page lacks was returned; None when the page has both."""
    lacking = [name for name in ("prev_url", "next_url") if not expected.get(name)]
    if not lacking:
        return None
    return any(getattr(got, name) for name in lacking)


def _url(value: str | None) -> str | None:
    return normalize_url(value) if value else None


def check_page(expected: dict[str, Any], got: Got, offers: frozenset[str]) -> dict[str, bool]:
    """The checks that count on this page and their outcome: True is right for a field and
    invented for an ``*_invented`` check."""
    links = bool(expected.get("prev_url") or expected.get("next_url"))
    source = normalize(expected.get("source") or expected.get("source_unlabelled"))
    outcome: dict[str, bool | None] = {
        "body": body_right(expected, got.body),
        "title": normalize(got.title) == normalize(expected["title"]),
        "date": date_right(expected["published_at"], got.published_at)
        if expected.get("published_at")
        else None,
        "source": normalize(got.source) == source if source else None,
        "source_invented": normalize(got.source) is not None if not source else None,
        "links": links_right(expected, got) if links else None,
        "links_invented": links_invented(expected, got),
    }
    return {
        name: value
        for name, value in outcome.items()
        if value is not None and NEEDS.get(name, name) in offers
    }


# ----- scoring a corpus


def run_extractors(
    samples: list[Sample], extractors: dict[str, Extractor]
) -> dict[str, list[tuple[Sample, Got, dict[str, bool]]]]:
    """Every extractor on every page: (page, what it got, the checks' outcomes)."""
    runs: dict[str, list[tuple[Sample, Got, dict[str, bool]]]] = {}
    for name, extractor in extractors.items():
        runs[name] = []
        for sample in samples:
            got = extractor(sample)
            runs[name].append((sample, got, check_page(sample.expected, got, OFFERS[name])))
    return runs


def tally(
    pages: list[tuple[Sample, Got, dict[str, bool]]], splits: list[str]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Per split and check: counted, right (or invented), and the pages it went wrong on."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for split in splits:
        counts: dict[str, dict[str, Any]] = {}
        for sample, _got, checks in pages:
            if sample.split != split:
                continue
            for name, outcome in checks.items():
                entry = counts.setdefault(name, _empty(name))
                entry["counted"] += 1
                hit = "invented" if name in INVENTED else "right"
                entry[hit] += outcome
                if outcome == (name in INVENTED):
                    entry["pages"].append(sample.name)
        out[split] = counts
    return out


def _empty(name: str) -> dict[str, Any]:
    return {"counted": 0, "invented" if name in INVENTED else "right": 0, "pages": []}


def ordered_splits(samples: list[Sample]) -> list[str]:
    """dev, holdout, then any other split (incoming ...) by name."""
    found = {s.split for s in samples}
    return [s for s in SPLIT_ORDER if s in found] + sorted(found - set(SPLIT_ORDER))


def score(samples: list[Sample], extractors: dict[str, Extractor]) -> dict[str, Any]:
    """The per-extractor, per-split tallies, and the ggcrawl pages behind them."""
    splits = ordered_splits(samples)
    runs = run_extractors(samples, extractors)
    return {
        "splits": {split: sum(s.split == split for s in samples) for split in splits},
        "scores": {name: tally(pages, splits) for name, pages in runs.items()},
        "errors": {
            name: sum(got.error is not None for _s, got, _c in pages)
            for name, pages in runs.items()
        },
        "runs": runs,
    }


# ----- showing it


def cell(result: dict[str, Any], extractor: str, split: str, check: str) -> str:
    """Right (or invented) over counted; "—" where the extractor offers no such field."""
    if NEEDS.get(check, check) not in OFFERS[extractor]:
        return "—"
    entry = result["scores"][extractor][split].get(check, _empty(check))
    hit = entry["invented" if check in INVENTED else "right"]
    return f"{hit}/{entry['counted']}"


def columns(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(name, split) for name in result["scores"] for split in result["splits"]]


def text_table(result: dict[str, Any]) -> str:
    """The real-page scores as aligned plain text."""
    cols = columns(result)
    header = ["field"] + [f"{LABELS[name]} {split}" for name, split in cols]
    rows = [header] + [
        [LABEL[check]] + [cell(result, name, split, check) for name, split in cols]
        for check in CHECKS
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            value.ljust(widths[0]) if i == 0 else value.rjust(widths[i])
            for i, value in enumerate(row)
        ).rstrip()
        for row in rows
    )


def markdown_table(result: dict[str, Any]) -> str:
    """README's table of the real pages."""
    cols = columns(result)
    lines = [
        "| Field | " + " | ".join(f"{LABELS[name]} {split}" for name, split in cols) + " |",
        "| --- |" + " --- |" * len(cols),
    ]
    for check in CHECKS:
        cells = " | ".join(cell(result, name, split, check) for name, split in cols)
        lines.append(f"| {LABEL[check]} | {cells} |")
    return "\n".join(lines)


def replica_tables(replica: dict[str, Any], markdown: bool) -> str:
    """Per replica field and dialect, the share of articles extracted exactly as the truth."""
    dialects = list(replica)
    fields = list(next(iter(replica.values()))["fields"]) if replica else []
    rows = [
        ["Field" if markdown else "field"] + [f"{d} ({replica[d]['articles']})" for d in dialects],
        *(
            [name] + [f"{replica[d]['fields'][name]['share']:.3f}" for d in dialects]
            for name in fields
        ),
    ]
    if markdown:
        head, *body = rows
        lines = ["| " + " | ".join(head) + " |", "| --- |" + " --- |" * len(dialects)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(v.ljust(widths[0]) if i == 0 else v.rjust(widths[i]) for i, v in enumerate(row))
        for row in rows
    )


def describe(result: dict[str, Any], meta: dict[str, Any]) -> str:
    """One sentence: pages per split, versions, what was missing or raised."""
    pages = ", ".join(f"{split} {n}" for split, n in result["splits"].items()) or "none"
    versions = ", ".join(f"{LABELS[n]} {v}" for n, v in meta["versions"].items() if v)
    text = f"{sum(result['splits'].values())} real pages ({pages}); {versions}."
    if meta["missing"]:
        missing = " and ".join(LABELS[n] for n in meta["missing"])
        text += f" Not installed, so not scored: {missing} ({INSTALL_HINT})."
    errors = [f"{LABELS[n]} raised on {k}" for n, k in result["errors"].items() if k]
    if errors:
        text += " " + "; ".join(errors) + " (those pages count as wrong)."
    return text


# ----- failures (development aid)


def failures(result: dict[str, Any], show_holdout: bool) -> str:
    """ggcrawl's wrong pages, field by field, expected against got."""
    lines, hidden = [], 0
    for sample, got, checks in result["runs"].get("ggcrawl", []):
        bad = [n for n, outcome in checks.items() if outcome == (n in INVENTED)]
        if not bad:
            continue
        if sample.split == HOLDOUT and not show_holdout:
            hidden += 1
            continue
        lines.append(f"{sample.split}/{sample.name}  {sample.url}")
        lines += [f"  {line}" for name in bad for line in _explain(name, sample.expected, got)]
        if got.error:
            lines.append(f"  raised: {got.error}")
        if got.warnings:
            lines.append(f"  warnings: {'; '.join(got.warnings)}")
    if hidden:
        lines.append(
            f"{hidden} holdout page(s) with wrong fields not shown: the holdout is not developed "
            "against (--show-holdout shows them)."
        )
    return "\n".join(lines) or "ggcrawl got every counted field right."


def _explain(name: str, expected: dict[str, Any], got: Got) -> list[str]:
    if name == "body":
        text = squeeze(got.body or "")
        return [
            f"body: expected {expected['body_start']!r} … {expected['body_end']!r}",
            f"      got      {text[:20]!r} … {text[-20:]!r} ({len(text)} characters)",
        ]
    if name == "date":
        return [f"date: expected {expected['published_at']!r}, got {got.published_at!r}"]
    if name == "title":
        return [f"title: expected {expected['title']!r}, got {got.title!r}"]
    if name in ("source", "source_invented"):
        source = expected.get("source") or expected.get("source_unlabelled")
        return [f"{name}: expected {source!r}, got {got.source!r}"]
    return [
        f"{name}, {link}: expected {expected.get(link)!r}, got {getattr(got, link)!r}"
        for link in ("prev_url", "next_url")
        if _url(expected.get(link)) != _url(getattr(got, link))
    ]


def replica_failures(replica: dict[str, Any]) -> str:
    lines = []
    for dialect, figures in replica.items():
        for name, entry in figures["fields"].items():
            for wrong in entry["wrong"]:
                lines.append(f"replica {dialect} {name} {wrong['url']}")
                lines.append(f"  expected {str(wrong['expected'])[:200]!r}")
                lines.append(f"  got      {str(wrong['got'])[:200]!r}")
    return "\n".join(lines)


# ----- the command


def for_json(result: dict[str, Any], show_holdout: bool) -> dict[str, Any]:
    """The tallies without the pages behind them; the holdout's wrong pages only by count."""
    scores = json.loads(json.dumps(result["scores"]))
    if not show_holdout:
        for per_split in scores.values():
            for entry in per_split.get(HOLDOUT, {}).values():
                entry["pages"] = "hidden: the holdout is not developed against"
    return {"splits": result["splits"], "scores": scores, "errors": result["errors"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.extraction_quality", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of page folders")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--markdown", action="store_true", help="print README's tables")
    parser.add_argument("--failures", action="store_true", help="print ggcrawl's wrong pages")
    parser.add_argument("--show-holdout", action="store_true", help="holdout pages too")
    parser.add_argument(
        "--replica-articles", type=int, default=300, help="articles per dialect (0: skip)"
    )
    args = parser.parse_args(argv)
    extractors, missing = available_extractors()
    for name in missing:
        print(
            f"[quality] {LABELS[name]} is not installed ({INSTALL_HINT}): scored without it",
            file=sys.stderr,
        )
    samples = load_corpus(args.corpus) if args.corpus.is_dir() else []
    if not samples:
        print(f"[quality] no page folders under {args.corpus}", file=sys.stderr)
    result = score(samples, extractors)
    replica = replica_accuracy(args.replica_articles, REPLICA_SEED) if args.replica_articles else {}
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": str(args.corpus),
        "versions": {name: version(name) for name in extractors},
        "missing": missing,
        "replica": {"articles": args.replica_articles, "seed": REPLICA_SEED},
    }
    print(_render(result, replica, meta, args.markdown))
    if args.failures:
        print("\n" + failures(result, args.show_holdout))
        if replica:
            print(replica_failures(replica))
    if args.json:
        payload = {"meta": meta, "real": for_json(result, args.show_holdout), "replica": replica}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"[quality] {args.json}", file=sys.stderr)
    return 0


def _render(
    result: dict[str, Any], replica: dict[str, Any], meta: dict[str, Any], markdown: bool
) -> str:
    parts = [describe(result, meta)]
    if result["splits"]:
        parts += ["", markdown_table(result) if markdown else text_table(result)]
    if replica:
        seed = meta["replica"]["seed"]
        parts += [
            "",
            f"Replica dialects (seed {seed}), share of articles whose field is exactly the "
            "ground truth:",
            "",
            replica_tables(replica, markdown),
        ]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.exit(main())
