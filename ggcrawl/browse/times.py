"""Times as people read them: 2019年1月29日 09:57, and the crawl's UTC times in Beijing time.

The archive keeps ISO 8601 (``published_at`` in +08:00 or a date alone, crawl times in UTC with
``Z``) for researchers' SQL; the browse view shows them the way the site's readers write dates,
with the stored value kept in ``<time datetime>`` and its tooltip.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from markupsafe import Markup

BEIJING = timezone(timedelta(hours=8), "北京时间")
CELL = '<time datetime="{}" title="{}">{}</time>'


def readable(value: str) -> str | None:
    """``value`` (ISO 8601) as a reader writes it, None if it is not such a time."""
    if len(value) == 10:  # a date alone: the page showed no time
        try:
            day = datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return None
        return f"{day.year}年{day.month}月{day.day}日"
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    if moment.utcoffset() == timedelta(0):  # a crawl's own time, in UTC
        local = moment.astimezone(BEIJING)
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M:%S} 北京时间"
    shown = f"{moment:%H:%M}" if moment.second == 0 else f"{moment:%H:%M:%S}"
    return f"{moment.year}年{moment.month}月{moment.day}日 {shown}"


def shown(value: object) -> str:
    """A time as people read it, anything else as it is (a template filter: readable_time)."""
    if value is None:
        return ""
    return (readable(value) if isinstance(value, str) else None) or str(value)


def time_cell(column: str, value: object) -> Markup | None:
    """The cell of a time column (``…_at``), or None to leave it as Datasette draws it."""
    if not column.endswith("_at") or not isinstance(value, str):
        return None
    shown = readable(value)
    if shown is None:
        return None
    return Markup(CELL).format(value, value, shown)
