"""`python -m ggcrawl` is the `ggcrawl` command."""

from ggcrawl.cli import main

main()
