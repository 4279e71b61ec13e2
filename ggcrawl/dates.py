"""Publication times as the site shows them → ISO 8601 in Asia/Shanghai.

The common forms (``2019-01-29 09:57:20``, ``2019/1/29 9:57``, ``2019年01月29日``) are matched
by one regular expression, because dateparser costs milliseconds per call and a crawl parses tens
of thousands of pages; dateparser stays as the fallback for anything else a template prints.
A date shown without a time is returned as a date (``2019-01-29``): inventing midnight would make
an inexact value look exact.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

TIMEZONE = "Asia/Shanghai"
UTC_OFFSET = "+08:00"
# A time the page gives in Greenwich time (BBC中文网's 格林尼治标准时间 10:41) is 8 hours
# behind Beijing's: kept as the same moment in +08:00, as every time in the archive is.
GMT_ZONES = ("GMT", "UTC", "格林")
GMT_BEHIND = timedelta(hours=8)
# Zones a time is followed by on international sites' Chinese pages (2019年 03月 19日 9:30PM
# EDT), with their hours from Greenwich: the time is kept as Beijing's, as every time is.
ZONE_HOURS = {"EDT": -4, "EST": -5, "PDT": -7, "PST": -8, "BST": 1, "CEST": 2, "CET": 1, "JST": 9}

# The year's separator may be a space where month and day are written 05/01 (新华网 prints its
# year, its day and its time in three boxes: 2023 05/01 10:20:33). Digits may be full-width
# (２０１９年１月２９日, as typed in a word processor: ``\d`` takes them, ``int`` reads them).
DATE_PATTERN = re.compile(
    r"(?P<y>(?:19|20|１９|２０)\d{2})\s*(?:[-/.－／．]|年|\s(?=\s*\d{1,2}\s*/\s*\d))\s*"
    r"(?P<m>\d{1,2})\s*(?:[-/.－／．]|月)\s*"
    r"(?P<d>\d{1,2})\s*日?"
    r"(?:\s*[(（]?(?:星期|周|礼拜|禮拜)[一二三四五六日天][)）]?)?"  # 2019年01月29日 星期二 10:04
    # 2020-08-08 HKT 15:02 (香港電台); 2012年12月10日, 格林尼治标准时间10:41 (BBC中文网)
    r"(?:[\sT,，]*(?:(?P<zone>HKT|CST|北京时间|北京時間|GMT|UTC|格林[尼威]治(?:标准|標準)?(?:时间|時間))\s*)?"
    r"(?P<half>凌晨|早上|上午|中午|下午|晚上)?\s*[(（]?"  # 2025年4月22日早上8点12分; 星島's (16:31)
    r"(?P<H>\d{1,2})\s*[:：时点]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2})秒?)?"
    r"(?:\s*(?P<meridiem>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?"  # 2013.06.29 04:17 pm (聯合新聞網)
    rf"(?:\s*(?P<after_zone>{'|'.join(ZONE_HOURS)})(?![A-Za-z]))?)?"  # 9:30PM EDT (人权观察)
    # A date in English, as international sites print theirs (Apr 22, 2025; September 3, 2019),
    # read as a date only (a time beside it in English conventions, 10:30 AM, is not read).
    r"|(?<![A-Za-z])(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
    r"\s+(?P<day>\d{1,2}),\s*(?P<year>(?:19|20)\d{2})(?!\d)"
    # The same order with the month named in Chinese, as WordPress's zh-HK and zh-TW themes
    # print dates (四月 27, 2019).
    r"|(?<![一二三四五六七八九十])(?P<wm>十[一二]?|[一二三四五六七八九])月\s*(?P<wd>\d{1,2}),\s*"
    r"(?P<wy>(?:19|20)\d{2})(?!\d)"
    r"(?:,\s*(?P<wH>[0-2]?\d):(?P<wM>[0-5]\d)(?![\d:]))?"  # 四月 25, 2024, 08:33 (国家杜马)
    # A year of two digits, with its time, as 百家号 prints its meta line (18-08-01 10:07), or
    # alone before a bar or bracket, as 中国科学院's institutes' template does (| 20-10-28 |).
    r"|(?<![\d:./-])(?P<yy>\d{2})-(?P<ym>[01]\d)-(?P<yd>[0-3]\d)(?:[^\S\n]*"
    r"(?P<yH>[0-2]\d):(?P<yM>[0-5]\d)(?![\d:])|(?=[^\S\n]?[|｜\]】]))"
    # A year of the Republic of China's calendar, as Taiwan's government prints its dates
    # (日期：106-03-10, 上版日期：112/04/20, 民國112年4月20日): 1911 years behind.
    r"|(?<![\d:./-])(?:民[國国]\s*)?(?P<ry>1[0-4]\d)\s*(?:[-/.]|年)\s*(?P<rm>\d{1,2})\s*(?:[-/.]|月)"
    r"\s*(?P<rd>\d{1,2})(?:\s*日|(?![\d.:/-]))"
    r"(?:[^\S\n]*(?P<rH>[0-2]?\d):(?P<rM>[0-5]\d)(?::(?P<rS>[0-5]\d))?(?![\d:]))?"
    # A date in Chinese numerals, as official documents are signed (二〇一九年一月二十九日).
    r"|(?P<cy>[〇○零Ｏ一二三四五六七八九]{4})年(?P<cm>十[一二]?|[一二三四五六七八九])月"
    r"(?P<cd>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日"
)
# The Republic of China's year 1 is 1912: 民國106年 is 2017.
ROC_YEAR_ONE = 1911
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The digits of a date in Chinese numerals, and how a time shows in a text (a colon, 时, 点).
CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys("○零Ｏ", 0)
SHOWS_TIME = re.compile(r"\d\s*[:：时点]\s*\d")
# The parts of the day whose hours (below 12) are after noon: 下午3点 is 15:00.
AFTERNOON = ("下午", "晚上")


def date_alone(text: str) -> str | None:
    """The publication time of a line that is a date and nothing else (a notice's signature's
    2024年10月28日, the time under a text's credits), else None."""
    match = DATE_PATTERN.fullmatch(text.strip())
    return parse_published(match.group(0)) if match is not None else None


def parse_published(text: str) -> str | None:
    """The first date (and time, if shown) in ``text`` as ISO 8601, or None."""
    match = DATE_PATTERN.search(text)
    if match:
        return _from_match(match)
    return _with_dateparser(text)


def _from_match(match: re.Match[str]) -> str | None:
    hours, minutes, seconds = match["H"], match["M"], match["S"]
    if match["month"] is not None:
        month = MONTHS.index(match["month"][:3]) + 1
        year, day = int(match["year"]), int(match["day"])
    elif match["yy"] is not None:
        year, month, day = 2000 + int(match["yy"]), int(match["ym"]), int(match["yd"])
        hours, minutes, seconds = match["yH"], match["yM"], None
    elif match["ry"] is not None:
        year, month, day = ROC_YEAR_ONE + int(match["ry"]), int(match["rm"]), int(match["rd"])
        hours, minutes, seconds = match["rH"], match["rM"], match["rS"]
    elif match["wm"] is not None:
        year, month, day = int(match["wy"]), _chinese_number(match["wm"]), int(match["wd"])
        hours, minutes, seconds = match["wH"], match["wM"], None
    elif match["cy"] is not None:
        year = int("".join(str(CHINESE_DIGITS[c]) for c in match["cy"]))
        month, day = _chinese_number(match["cm"]), _chinese_number(match["cd"])
    else:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        if hours is None:
            return datetime(year, month, day).date().isoformat()
        hour = int(hours)
        if hour < 12 and (match["half"] in AFTERNOON or (match["half"] == "中午" and hour < 6)):
            hour += 12  # 下午3点05分 is 15:05, 中午1点 13:00
        elif match["meridiem"] is not None and hour <= 12:
            hour = hour % 12 + (12 if match["meridiem"] in "Pp" else 0)  # 12:05 am is 00:05
        moment = datetime(year, month, day, hour, int(minutes), int(seconds or 0))
    except ValueError:
        return None
    if match["after_zone"] is not None:
        moment += GMT_BEHIND - timedelta(hours=ZONE_HOURS[match["after_zone"]])
    elif (match["zone"] or "").startswith(GMT_ZONES):
        moment += GMT_BEHIND
    return moment.isoformat() + UTC_OFFSET


def _chinese_number(text: str) -> int:
    """1 to 31 in Chinese numerals: 九, 十, 十二, 二十, 二十九, 三十一."""
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return CHINESE_DIGITS[text]
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)


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
            "DATE_ORDER": "YMD",  # 19-01-29 is 2019-01-29 on a Chinese page, not 2029-01-19
        },
    )
    if parsed is None:
        return None
    if SHOWS_TIME.search(cleaned) is None:
        return parsed.date().isoformat()  # 01/29/2019 shows no time: no midnight invented
    return parsed.replace(microsecond=0).isoformat()
