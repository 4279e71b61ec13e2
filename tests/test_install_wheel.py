"""The released package, not the checkout: build the sdist and wheel as a release would
(`python -m build`), install the wheel into a fresh virtualenv, and run every kind of command
from a folder outside the repository, so nothing can come from its layout or the working directory.

Dependencies come from the package index, held to the versions this suite runs with (a
constraints file from `pip freeze`), so the test checks the packaging, not the day's releases.
"""

from __future__ import annotations

import json
import os
import select
import sqlite3
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "archive"  # installed as ggcrawl.datasette_config
CONFIG_FILES = ["__init__.py", "metadata.yml", "settings.json"]
CONFIG_FOLDERS = ["templates", "static", "plugins"]
GENERIC_NAMES = ["spiders", "archive", "tests", "bench"]
STARTUP_TIMEOUT = 60.0


@dataclass(frozen=True)
class Install:
    wheel: Path
    bin: Path
    site_packages: Path
    home: Path  # the working directory of every command: an empty folder, not the checkout
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.bin / "ggcrawl"), *args],
            cwd=self.home,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"ggcrawl {' '.join(args)}:\n{result.stderr}"
        return result


def clean_env() -> dict[str, str]:
    """This environment less what could lead back to the checkout or its virtualenv."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SCRAPY_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("GGCRAWL_")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(*args: str | Path, timeout: float, **kwargs: object) -> str:
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=timeout, **kwargs
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def install(tmp_path_factory: pytest.TempPathFactory) -> Install:
    """The wheel built from the checkout, installed (not editable) into a new virtualenv."""
    root = tmp_path_factory.mktemp("install")
    env = clean_env()
    dist = root / "dist"
    run(sys.executable, "-m", "build", "--outdir", dist, REPO, timeout=600, env=env)
    (wheel,) = dist.glob("*.whl")
    frozen = run(sys.executable, "-m", "pip", "freeze", "--exclude-editable", timeout=120)
    constraints = root / "constraints.txt"
    constraints.write_text("\n".join(line for line in frozen.splitlines() if " @ " not in line))
    venv = root / "venv"
    run(sys.executable, "-m", "venv", venv, timeout=120, env=env)
    bin_dir = venv / "bin"
    python = bin_dir / "python"
    run(python, "-m", "pip", "install", "--quiet", "-c", constraints, wheel, timeout=900, env=env)
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site_packages = Path(run(python, "-c", purelib, timeout=60).strip())
    home = root / "elsewhere"
    home.mkdir()
    return Install(wheel, bin_dir, site_packages, home, env)


@pytest.fixture(scope="module")
def demo(install: Install) -> subprocess.CompletedProcess[str]:
    """`ggcrawl demo` with its default archive, archive/demo.db under the empty folder."""
    return install.run("demo", "--articles", "20", "--port", "0")


def expected_in_wheel() -> set[str]:
    """Every module of the checkout and the browse configuration, by their names in the wheel."""
    spiders = installed(REPO / "spiders", "ggcrawl/spiders")
    return installed(REPO / "ggcrawl", "ggcrawl") | spiders | expected_config()


def expected_config() -> set[str]:
    config = [CONFIG / name for name in CONFIG_FILES]
    for folder in CONFIG_FOLDERS:
        config += [p for p in (CONFIG / folder).rglob("*") if p.is_file() and not cached(p)]
    return {f"ggcrawl/datasette_config/{path.relative_to(CONFIG)}" for path in config}


def installed(folder: Path, name: str) -> set[str]:
    """The modules in ``folder``, named as in the wheel, where the folder is ``name``."""
    return {f"{name}/{p.relative_to(folder)}" for p in folder.rglob("*.py") if not cached(p)}


def cached(path: Path) -> bool:
    return "__pycache__" in path.parts


def test_the_wheel_holds_every_module_and_of_archive_only_the_configuration(
    install: Install,
) -> None:
    with zipfile.ZipFile(install.wheel) as wheel:
        names = {name for name in wheel.namelist() if not name.endswith("/")}
    assert expected_in_wheel() <= names
    config = {name for name in names if name.startswith("ggcrawl/datasette_config/")}
    assert config == expected_config()
    assert all(name.startswith(("ggcrawl/", "ggcrawl-")) for name in names), sorted(names)


def test_nothing_with_a_generic_name_at_the_top_of_site_packages(install: Install) -> None:
    top = {path.name.removesuffix(".py") for path in install.site_packages.iterdir()}
    assert not top & set(GENERIC_NAMES)
    located = run(
        install.bin / "python",
        "-c",
        "import ggcrawl.browse, ggcrawl.spiders.tsggw as s; print(ggcrawl.browse.CONFIG_DIR);"
        " print(s.__file__)",
        timeout=60,
        cwd=install.home,
        env=install.env,
    ).split()
    assert located == [
        str(install.site_packages / "ggcrawl" / "datasette_config"),
        str(install.site_packages / "ggcrawl" / "spiders" / "tsggw.py"),
    ]


def test_demo_search_crawls_report_and_export_from_another_folder(
    install: Install, demo: subprocess.CompletedProcess[str]
) -> None:
    assert "20 in the archive" in demo.stdout
    assert "Off-site requests made: 0" in demo.stdout
    db = "archive/demo.db"
    with sqlite3.connect(install.home / db) as conn:
        containing = {
            url
            for (url,) in conn.execute(
                "SELECT url FROM articles WHERE instr(title, '关工') OR instr(body_text, '关工')"
            )
        }
    hits = json.loads(install.run("search", "关工", "--db", db, "--json").stdout)
    assert containing and {hit["url"] for hit in hits} == containing
    crawls = json.loads(install.run("crawls", "--db", db, "--json").stdout)
    assert [crawl["outcome"] for crawl in crawls] == ["finished"]
    report = install.run("report", str(crawls[0]["id"]), "--db", db).stdout
    assert "20 new" in report and "20 in the archive" in report
    # export needs py-wacz, a dependency of the package: in the wheel's requirements.
    install.run("export", "--wacz", "archive/demo.wacz", "--db", db)
    with zipfile.ZipFile(install.home / "archive/demo.wacz") as wacz:
        pages = wacz.read("pages/pages.jsonl").decode("utf-8").splitlines()
        assert "archive/demo-crawl00001-01.warc.gz" in wacz.namelist()
    assert sum('"id": "article-' in line for line in pages) == 20


@pytest.fixture
def browse(install: Install, demo: subprocess.CompletedProcess[str]) -> Iterator[str]:
    """`ggcrawl browse` of the demo archive on a free port; yields the address it printed."""
    process = subprocess.Popen(
        [str(install.bin / "ggcrawl"), "browse", "--db", "archive/demo.db", "--port", "0"],
        cwd=install.home,
        env=install.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], STARTUP_TIMEOUT)
        line = process.stdout.readline() if ready else ""
        if "http://" not in line:
            process.kill()
            pytest.fail(f"ggcrawl browse printed no address: {line!r} {process.stderr.read()}")
        yield line.split(" at ")[1].split()[0]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def http_get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


def test_browse_serves_the_demo_archive_with_its_configuration(browse: str) -> None:
    front = http_get(browse)
    assert "天水关工网档案" in front  # metadata.yml
    assert 'action="/demo/-/search"' in front and 'href="/-/overview#demo"' in front  # templates
    assert http_get(browse + "static/ggcrawl.css").startswith("/*")
    overview = http_get(browse + "-/overview")  # a plugin's route
    assert "<svg" in overview and '<a href="/demo/crawls/1">1</a>' in overview
