"""Present so `scrapyd-deploy` builds the egg from pyproject.toml (it runs `setup.py bdist_egg`).

Without it, scrapyd-deploy writes its own setup.py here, whose settings entry point setuptools
ignores because pyproject.toml declares the metadata.
"""

from setuptools import setup

setup()
