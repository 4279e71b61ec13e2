"""Crawl reports as people read them in a terminal."""

from __future__ import annotations

import unicodedata
from typing import Any

MAX_LISTED = 20


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (Chinese characters take two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - columns, 0)


def render_report(report: dict[str, Any]) -> str:
    articles = report["articles"]
    duration = report["duration_s"]
    lines = [
        f"Crawl {report['id']} of {report['start_url']} ({report['mode']}): {report['outcome']}"
        + (f" in {duration:.1f} s" if duration is not None else "")
        + (f", resumed {report['resumes']}×" if report["resumes"] else ""),
        f"  Site: {report['site'] or '(not reached)'}",
        f"  Articles: {articles['new']} new / {articles['changed']} changed / "
        f"{articles['unchanged']} unchanged / {articles['gone']} gone; "
        f"{articles['archived']} in the archive",
        f"  Requests: {report['requests']} ({report['responses']} responses, "
        f"{report['bytes'] / 1e6:.1f} MB)",
        f"  Assets: {report['assets']['fetched']} fetched, {report['assets']['skipped']} skipped "
        f"(size cap), {report['assets']['offsite_listed']} off-site listed",
    ]
    if report["sections"]:
        lines.append("  Articles per column:")
        lines += [f"    {pad(section, 12)} {count:>6}" for section, count in report["sections"]]
    for title, rows, describe in (
        ("Changed", report["changed"], lambda r: f"v{r['version']}  {r['title']}  {r['url']}"),
        ("Gone", report["gone"], lambda r: f"{r['gone_status']}  {r['title']}  {r['url']}"),
        (
            "Split over pages, not all joined (the text stops where a page is missing)",
            report["split"],
            lambda r: f"{r['title']}  {r['url']}",
        ),
    ):
        if rows:
            lines.append(f"  {title}: {len(rows)}")
            lines += [f"    {describe(r)}" for r in rows[:MAX_LISTED]]
    failures = report["failures"]
    lines.append(f"  Failures: {len(failures)}")
    lines += [
        f"    {f['status'] or f['kind'] or '-'}  {f['url']}  ({f['error']})"
        for f in failures[:MAX_LISTED]
    ]
    if len(failures) > MAX_LISTED:
        lines.append(
            f"    … {len(failures) - MAX_LISTED} more: "
            f"SELECT * FROM failures WHERE crawl_id = {report['id']}"
        )
    if report["warc_files"]:
        lines.append(f"  WARC: {', '.join(report['warc_files'])}")
    lines += render_health(report["health"])
    return "\n".join(lines)


def render_health(health: dict[str, Any]) -> list[str]:
    """Per field, the share of the crawl's articles it was found on; then each flag of a
    probable template change with example URLs."""
    articles = health["articles"]
    if not articles:
        return []
    found = health["found"]
    shares = ", ".join(
        f"{field} {found[field] / articles:.0%}" for field in found if field != "parse_warnings"
    )
    warned = found.get("parse_warnings", 0)
    lines = [f"  Extraction ({articles} articles): {shares}; with warnings {warned / articles:.0%}"]
    for flag in health["flags"]:
        lines.append(f"  PROBABLE TEMPLATE CHANGE: {flag['field']} {flag['reason']}")
        lines += [f"    e.g. {url}" for url in flag["examples"]]
    return lines


def render_crawls(rows: list[dict[str, Any]]) -> str:
    lines = [
        "   id  started               time(s)  mode         outcome    new  chg  same  gone  "
        "fail  requests  health"
    ]
    for row in rows:
        duration = f"{row['duration_s']:.0f}" if row["duration_s"] is not None else "-"
        lines.append(
            f"{row['id']:>5}  {row['started_at']:<20}  {duration:>7}  {row['mode']:<11}  "
            f"{row['outcome']:<9} {row['new']:>4} {row['changed']:>4} {row['unchanged']:>5} "
            f"{row['gone']:>5} {row['failures']:>5} {row['requests']:>9}  "
            f"{health_word(row['health'])}"
        )
    return "\n".join(lines)


def health_word(health: dict[str, Any]) -> str:
    """``ok``, ``-`` (too few articles to tell, or not measured) or the flagged fields."""
    if health["flags"]:
        return "CHANGED? " + ",".join(flag["field"] for flag in health["flags"])
    return "ok" if health["articles"] else "-"
