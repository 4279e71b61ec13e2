"""`python -m bench`: run the benchmark (see bench/run.py); `python -m bench --quality [...]`
scores extraction accuracy instead (see bench/extraction_quality.py, which takes the options)."""

import sys

if sys.argv[1:2] == ["--quality"]:
    from bench.extraction_quality import main as quality

    sys.exit(quality(sys.argv[2:]))

from bench.run import main

sys.exit(main())
