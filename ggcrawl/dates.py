"""Publication times as the site shows them → ISO 8601 in Asia/Shanghai.

The common forms (``2019-01-29 09:57:20``, ``2019/1/29 9:57``, ``2019年01月29日``) are matched
by one regular expression, because dateparser costs milliseconds per call and a crawl parses tens
of thousands of pages; dateparser stays as the fallback for anything else a template prints.
A date shown without a time is returned as a date (``2019-01-29``): inventing midnight would make
an inexact value look exact.
"""

from __future__ import annotations

import re
from datetime import datetime

TIMEZONE = "Asia/Shanghai"
UTC_OFFSET = "+08:00"

# The year's separator may be a space where month and day are written 05/01 (新华网 prints its
# year, its day and its time in three boxes: 2023 05/01 10:20:33).
DATE_PATTERN = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年|\s(?=\s*\d{1,2}\s*/\s*\d))\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*"
    r"(?P<d>\d{1,2})\s*日?"
    r"(?:\s*[(（]?(?:星期|周|礼拜|禮拜)[一二三四五六日天][)）]?)?"  # 2019年01月29日 星期二 10:04
    r"(?:[\sT,，]*(?P<half>凌晨|早上|上午|中午|下午|晚上)?\s*"  # 2025年4月22日早上8点12分
    r"(?P<H>\d{1,2})\s*[:：时点]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2})秒?)?)?"
    # A date in English, as international sites print theirs (Apr 22, 2025; September 3, 2019),
    # read as a date only (a time beside it in English conventions, 10:30 AM, is not read).
    r"|(?<![A-Za-z])(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
    r"\s+(?P<day>\d{1,2}),\s*(?P<year>(?:19|20)\d{2})(?!\d)"
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The parts of the day whose hours (below 12) are after noon: 下午3点 is 15:00.
AFTERNOON = ("下午", "晚上")


def parse_published(text: str) -> str | None:
    """The first date (and time, if shown) in ``text`` as ISO 8601, or None."""
    match = DATE_PATTERN.search(text)
    if match:
        return _from_match(match)
    return _with_dateparser(text)


def _from_match(match: re.Match[str]) -> str | None:
    if match["month"] is not None:
        month = MONTHS.index(match["month"][:3]) + 1
        year, day = int(match["year"]), int(match["day"])
    else:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        if match["H"] is None:
            return datetime(year, month, day).date().isoformat()
        hour = int(match["H"])
        if hour < 12 and (match["half"] in AFTERNOON or (match["half"] == "中午" and hour < 6)):
            hour += 12  # 下午3点05分 is 15:05, 中午1点 13:00
        moment = datetime(year, month, day, hour, int(match["M"]), int(match["S"] or 0))
    except ValueError:
        return None
    return moment.isoformat() + UTC_OFFSET


def _with_dateparser(text: str) -> str | None:
    import dateparser  # imported lazily: it takes a second to load and is rarely needed

    cleaned = text.strip()
    if not cleaned or not any(ch.isdigit() for ch in cleaned):
        return None
    parsed = dateparser.parse(
        cleaned,
        languages=["zh", "en"],
        settings={
            "TIMEZONE": TIMEZONE,
            "TO_TIMEZONE": TIMEZONE,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DAY_OF_MONTH": "first",
            "STRICT_PARSING": True,
        },
    )
    if parsed is None:
        return None
    return parsed.replace(microsecond=0).isoformat()
