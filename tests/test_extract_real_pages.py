"""Extraction on real article pages saved by others (tests/fixtures/real): the corpus is what
its README says, and on its dev part ggcrawl never scores below the recorded baseline (an
evaluation gate, as trafilatura keeps one). The holdout part is only checked to extract
without error: its score is reported by the benchmark, never developed against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.extraction_quality import INVENTED, score
from bench.quality_extractors import guarded, load_corpus, run_ggcrawl

REAL = Path(__file__).parent / "fixtures" / "real"
# Kept for independent scoring of the project (issue 13): no page may come from them.
RESERVED = (
    "GeneralNewsExtractor/GeneralNewsExtractor",
    "immortal-autumn/Chinese-Web-Content-Extraction-Dataset",
    "opendatalab/magic-html",
)
BASELINE = json.loads((REAL / "baseline.json").read_text(encoding="utf-8"))["dev"]


@pytest.fixture(scope="module")
def samples():
    return load_corpus(REAL)


def test_the_corpus_is_sixty_real_pages_with_their_origin(samples) -> None:
    assert len(samples) >= 60
    assert {s.split for s in samples} == {"dev", "holdout"}
    assert sum(s.split == "holdout" for s in samples) >= 20
    for folder in sorted(p for p in REAL.glob("*/*") if p.is_dir()):
        origin = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["origin"]
        assert origin["repo"] not in RESERVED, folder.name
        assert origin["path"] and len(origin["commit"]) == 40, folder.name
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        assert expected["title"] and expected["body_start"] and expected["body_end"]


def test_the_dev_part_scores_at_least_the_baseline(samples) -> None:
    dev = [s for s in samples if s.split == "dev"]
    result = score(dev, {"ggcrawl": guarded(run_ggcrawl)})
    tallies = result["scores"]["ggcrawl"]["dev"]
    assert result["errors"]["ggcrawl"] == 0
    for check, floor in BASELINE.items():
        entry = tallies[check]
        if check in INVENTED:
            assert entry["invented"] <= floor, (check, entry["pages"])
        else:
            assert entry["right"] >= floor, (check, entry["right"], entry["pages"])


def test_the_holdout_part_extracts_without_error(samples) -> None:
    holdout = [s for s in samples if s.split == "holdout"]
    assert [guarded(run_ggcrawl)(s).error for s in holdout] == [None] * len(holdout)
