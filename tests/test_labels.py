"""The label vocabulary: every label also in traditional characters, once, after its own."""

from __future__ import annotations

from ggcrawl.extract.labels import (
    DATE_LABELS,
    EDITOR_LABELS,
    HOME_WORDS,
    META_LABELS,
    SOURCE_LABELS,
    TRADITIONAL,
    with_traditional,
)


def test_traditional_forms_follow_the_labels_once() -> None:
    assert with_traditional(("来源", "時間", "发布时间", "发布时间")) == (
        "来源",
        "時間",
        "发布时间",
        "來源",
        "發布時間",
    )


def test_the_vocabularies_carry_both_forms() -> None:
    for label in (
        "來源",
        "信息來源",
        "發布時間",
        "更新時間",
        "責任編輯",
        "審核",
        "首頁",
        "網站首頁",
    ):
        assert label in (*SOURCE_LABELS, *DATE_LABELS, *EDITOR_LABELS, *HOME_WORDS), label
    for vocabulary in (META_LABELS, SOURCE_LABELS, DATE_LABELS, EDITOR_LABELS):
        assert len(set(vocabulary)) == len(vocabulary)
        assert all(label.translate(TRADITIONAL) in vocabulary for label in vocabulary)
