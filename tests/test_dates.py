import pytest

from ggcrawl.dates import parse_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("时间:2019-01-29 09:57:20", "2019-01-29T09:57:20+08:00"),
        ("发布时间：2019-01-29 09:57", "2019-01-29T09:57:00+08:00"),
        ("2019/1/29 9:57:20", "2019-01-29T09:57:20+08:00"),
        ("日期：2019年01月29日", "2019-01-29"),
        ("2019年1月29日 09:57", "2019-01-29T09:57:00+08:00"),
        ("2019年01月29日09时57分20秒", "2019-01-29T09:57:20+08:00"),
        ("2019.01.29", "2019-01-29"),
        (" 2023 05/01 10:20:33", "2023-05-01T10:20:33+08:00"),
        ("发表于 2019-02-30", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_common_forms(text: str, expected: str | None) -> None:
    assert parse_published(text) == expected


def test_dateparser_fallback_handles_other_forms() -> None:
    assert parse_published("29 January 2019 09:57") == "2019-01-29T09:57:00+08:00"
