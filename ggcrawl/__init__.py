"""ggcrawl: the archiver for 天水关工网."""

__version__ = "0.1.0"
