"""ggcrawl's benchmark: `.venv/bin/python -m bench [--quick]` (see README, "Benchmark").

One run serves the replica from a process of its own, crawls it with ggcrawl, wget and (for the
framework's ceiling) `scrapy bench`, re-crawls it before and after a change, times extraction
and full-text queries, and writes the figures as JSON and Markdown under bench/results/.

Extraction accuracy is measured apart, in seconds rather than minutes:
`.venv/bin/python -m bench.extraction_quality [--markdown] [--json PATH] [--failures]` (or
`python -m bench --quality ...`) scores ggcrawl, GNE and trafilatura field by field on the saved
real pages (tests/fixtures/real/) and ggcrawl on the replica's dialects (see its docstring).
"""
