"""Datasette's configuration for the browse view, installed as ``ggcrawl.datasette_config``.

The folder is both what ``datasette archive/`` reads in a checkout and, through pyproject.toml's
package-dir, the package ``ggcrawl browse`` finds its configuration in wherever ggcrawl is
installed. Nothing to import: the files beside this one are the content.
"""
