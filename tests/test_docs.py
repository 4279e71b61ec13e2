"""Documentation is part of the product: what the README says must be what the code does. The
schema, its version, the commands and their options, the settings and their defaults, and every
document a file cites are checked against the code and the repository; each failure names the
line that drifted."""

from __future__ import annotations

import re
import shlex
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import click
import pytest
from scrapy.settings import Settings, default_settings

import ggcrawl.settings
from ggcrawl.cli import main
from ggcrawl.store import Archive
from ggcrawl.store.schema import COLUMNS, SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def test_every_table_and_column_is_documented(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        tables = archive.db.table_names() + archive.db.view_names()
        for table in tables:
            if table.startswith("articles_fts"):
                continue
            # table_xinfo, unlike table_info, lists generated columns too.
            columns = [r[1] for r in archive.conn.execute(f"PRAGMA table_xinfo({table})")]
            assert table in COLUMNS, f"the archive has a table {table} that schema.COLUMNS lacks"
            assert sorted(columns) == sorted(COLUMNS[table]), (
                f"{table}: the archive's columns {sorted(columns)} are not schema.COLUMNS' "
                f"{sorted(COLUMNS[table])}"
            )
    missing = [
        f"`{name}` ({table})"
        for table, columns in COLUMNS.items()
        for name in (table, *columns)
        if f"`{name}`" not in README
    ]
    assert not missing, f"README never names these tables and columns: {', '.join(missing)}"


def test_every_command_is_in_the_readme() -> None:
    unnamed = [name for name in main.commands if f"ggcrawl {name}" not in README]
    assert not unnamed, f"README never names `ggcrawl {'`, `ggcrawl '.join(unnamed)}`"
    unexplained = [name for name, command in main.commands.items() if not command.help]
    assert not unexplained, f"these commands have no --help text: {', '.join(unexplained)}"


# --- the schema version ---------------------------------------------------------------------

# Statements of the version the code writes now ("`PRAGMA user_version`, now 5", "schema
# version 5", "upgraded to schema 5"); any other "schema N" names a version past or present
# ("an upgrade from before schema 4", "the prefix index (schema 4)").
CURRENT_SCHEMA = re.compile(
    r"`PRAGMA user_version`, now (\d+)|\bschema version (\d+)|\bupgraded? to schema (\d+)",
    re.IGNORECASE,
)
ANY_SCHEMA = re.compile(r"\bschema (\d+)\b", re.IGNORECASE)


def test_the_readme_states_the_schema_version_of_the_code() -> None:
    current = list(CURRENT_SCHEMA.finditer(README))
    assert current, (
        "README no longer states the schema version (e.g. '`PRAGMA user_version`, now "
        f"{SCHEMA_VERSION}'); state it, or teach CURRENT_SCHEMA in tests/test_docs.py its wording"
    )
    drifted = [
        f"README.md:{line_of(README, m.start())} says {m.group(0)!r}, but "
        f"ggcrawl/store/schema.py has SCHEMA_VERSION = {SCHEMA_VERSION}"
        for m in current
        if int(next(g for g in m.groups() if g)) != SCHEMA_VERSION
    ]
    drifted += [
        f"README.md:{line_of(README, m.start())} names {m.group(0)!r}, a version the code "
        f"does not have (SCHEMA_VERSION = {SCHEMA_VERSION})"
        for m in ANY_SCHEMA.finditer(README)
        if not 1 <= int(m.group(1)) <= SCHEMA_VERSION
    ]
    assert not drifted, "\n".join(drifted)


# --- settings and their defaults ------------------------------------------------------------


@cache
def project_settings() -> Settings:
    """Scrapy's defaults with ggcrawl/settings.py over them: what a crawl starts from."""
    settings = Settings()
    settings.setmodule(ggcrawl.settings, priority="project")
    return settings


def is_setting(name: str) -> bool:
    return hasattr(ggcrawl.settings, name) or hasattr(default_settings, name)


EMPTY = object()  # "none", "not set": an empty list or string
UNITS = {"MB": 1024 * 1024, "KB": 1024, "s": 1, "seconds": 1}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "thirty": 30}
QUANTITY = re.compile(r"(\d[\d,]*(?:\.\d+)?|[a-z]+) ?(MB|KB|s|seconds)?")


def stated_value(text: str) -> object:
    """A default as the README writes it: `literal`, on/off, none, 300, 20 MB, 1 s, ten seconds."""
    text = text.strip()
    if literal := re.fullmatch(r"`([^`]*)`", text):
        return literal.group(1)
    if text in ("on", "off", "obeyed", "ignored"):
        return text in ("on", "obeyed")
    if text in ("none", "not set"):
        return EMPTY
    quantity = QUANTITY.fullmatch(text)
    if quantity is None or not (
        quantity.group(1)[0].isdigit() or quantity.group(1) in NUMBER_WORDS
    ):
        raise ValueError(f"cannot read {text!r} as a default")
    number, unit = quantity.groups()
    value = float(NUMBER_WORDS[number] if number in NUMBER_WORDS else number.replace(",", ""))
    return value * UNITS.get(unit or "", 1)


def drift(name: str, stated: object) -> str | None:
    """Why the stated default is not the code's, or None."""
    settings = project_settings()
    actual = settings.get(name)
    if stated is EMPTY:
        same = not actual
    elif isinstance(stated, bool):
        same = settings.getbool(name) == stated
    elif isinstance(stated, float):
        same = not isinstance(actual, bool) and settings.getfloat(name) == stated
    else:
        same = str(actual) == stated
    return None if same else f"the code's default is {actual!r}"


@dataclass
class Statement:
    line: int
    name: str
    text: str  # the default as the README writes it


def settings_table() -> list[Statement]:
    """The rows of README's table of settings (| setting | default | what |)."""
    header = re.search(r"^\| setting \| default \| what \|\n(\| --- )+\|\n", README, re.M)
    assert header, "README has no table of settings (| setting | default | what |)"
    rows = []
    offset = header.end()
    for row in README[offset:].split("\n"):
        if not row.startswith("|"):
            break
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        name = re.fullmatch(r"`([A-Z][A-Z0-9_]+)`", cells[0])
        assert name, f"README.md:{line_of(README, offset)}: {cells[0]!r} is not a `SETTING`"
        rows.append(Statement(line_of(README, offset), name.group(1), cells[1]))
        offset += len(row) + 1
    return rows


# `ASSET_MAXSIZE`, 20 MB by default; `DOWNLOAD_MAXSIZE` (32 MB, …); `MAX_LISTING_PAGES` (300)
NAMED_DEFAULT = re.compile(r"`([A-Z][A-Z0-9_]+)`(?: \(|, )(\d[\d,.]*(?: ?(?:MB|KB|s))?)(?=[ ),;])")
# Defaults the prose states without naming the setting.
UNNAMED_DEFAULTS = {
    r"robots\.txt is (obeyed|ignored)": "ROBOTSTXT_OBEY",
    r"AutoThrottle is (on|off)": "AUTOTHROTTLE_ENABLED",
    r"at most (\d+) requests run at once": "CONCURRENT_REQUESTS",
    r"with a ([\d.]+ s) base delay": "DOWNLOAD_DELAY",
    r"a progress line every (\w+ seconds)": "PROGRESS_INTERVAL",
}
# How the README sets a setting: -s DOWNLOAD_DELAY=3, Scrapyd's setting=ARCHIVE_DB=… (NAME is
# the placeholder).
SETTING_GIVEN = re.compile(r"(?:-s |\bsetting=)(?!NAME=)([A-Z][A-Z0-9_]+)=")


def stated_defaults() -> list[Statement]:
    statements = settings_table()
    for match in NAMED_DEFAULT.finditer(README):
        statements.append(Statement(line_of(README, match.start()), *match.groups()))
    for pattern, name in UNNAMED_DEFAULTS.items():
        found = list(re.finditer(pattern, README))
        assert found, (
            f"README no longer says /{pattern}/ (the default of {name}); "
            "update UNNAMED_DEFAULTS in tests/test_docs.py"
        )
        statements += [Statement(line_of(README, m.start()), name, m.group(1)) for m in found]
    return statements


def test_every_default_the_readme_states_is_the_codes() -> None:
    drifted = []
    for statement in stated_defaults():
        where = f"README.md:{statement.line}: {statement.name} = {statement.text!r}"
        try:
            stated = stated_value(statement.text)
        except ValueError:
            drifted.append(f"{where}: not a default this test reads (`text`, on, 300, 20 MB, 1 s)")
            continue
        if not is_setting(statement.name):
            drifted.append(f"{where}: no such setting in ggcrawl/settings.py or Scrapy's defaults")
        elif (why := drift(statement.name, stated)) is not None:
            drifted.append(f"{where}, but {why} (ggcrawl/settings.py)")
    assert not drifted, "\n".join(drifted)


def test_every_setting_the_readme_names_exists() -> None:
    """Settings given with -s or setting=, and every `UPPER_CASE` name in backticks: a setting,
    or a name the code has (an environment variable, a constant such as REPLICA_SETTINGS)."""
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("ggcrawl", "spiders", "bench")
        for path in (REPO / folder).rglob("*.py")
    )
    unknown = [
        f"README.md:{line_of(README, m.start())}: {m.group(0)!r} sets {m.group(1)}, which is "
        "not in ggcrawl/settings.py or Scrapy's defaults"
        for m in SETTING_GIVEN.finditer(README)
        if not is_setting(m.group(1))
    ]
    unknown += [
        f"README.md:{line_of(README, m.start())}: `{m.group(1)}` is neither a setting "
        "(ggcrawl/settings.py, Scrapy's defaults) nor a name in the code"
        for m in re.finditer(r"`([A-Z][A-Z0-9_]{2,})`", README)
        if not is_setting(m.group(1)) and not re.search(rf"\b{m.group(1)}\b", code)
    ]
    assert not unknown, "\n".join(unknown)


def test_every_setting_of_ggcrawls_own_is_in_the_table() -> None:
    """A setting ggcrawl adds to Scrapy's, read by its code, is documented with its default."""
    sources = [
        path.read_text(encoding="utf-8")
        for folder in ("ggcrawl", "spiders")
        for path in (REPO / folder).rglob("*.py")
        if path != REPO / "ggcrawl" / "settings.py"
    ]
    own = [
        name
        for name in vars(ggcrawl.settings)
        if name.isupper() and not hasattr(default_settings, name)
        if any(f'"{name}"' in source for source in sources)
    ]
    documented = {row.name for row in settings_table()}
    missing = [name for name in own if name not in documented]
    assert not missing, (
        f"ggcrawl/settings.py has {', '.join(missing)}, which the code reads, but README's table "
        "of settings does not list them"
    )


# --- commands and their options -------------------------------------------------------------

HELP = set(main.context_settings.get("help_option_names", ["--help"]))
INVOCATION = re.compile(r"(?:^|(?<=[\s/(]))ggcrawl (?P<name>[a-z][\w-]*)(?P<rest>.*)")
OPTION = re.compile(r"(?<![\w-])(--?[a-zA-Z][\w-]*)")


def options_of(command: click.Command) -> dict[str, click.Option]:
    return {
        opt: param
        for param in command.params
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
    }


@dataclass
class Mentions:
    """What README says about the commands: (line, option) per command, and errors."""

    options: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def invocation(self, line: int, text: str) -> str | None:
        """`ggcrawl CMD ARGS # comment`: the options given, and those the comment names."""
        match = INVOCATION.search(text)
        if match is None:
            return None
        name, rest = match.group("name"), match.group("rest")
        if name not in main.commands:
            self.errors.append(f"README.md:{line}: `ggcrawl {name}`: there is no such command")
            return None
        code, _, comment = rest.partition(" #")
        try:
            tokens = shlex.split(code)
        except ValueError:
            tokens = code.split()
        given = [token.split("=")[0] for token in tokens if OPTION.fullmatch(token.split("=")[0])]
        for option in given + OPTION.findall(comment):
            self.options.setdefault(name, []).append((line, option))
        return name

    def bare(self, line: int, option: str, commands: set[str]) -> None:
        """An option named on its own (`--window 0`), about the commands around it."""
        having = {name for name in commands if option in options_of(main.commands[name])}
        for name in having or commands:
            self.options.setdefault(name, []).append((line, option))


def readme_blocks() -> list[tuple[str, int, list[str]]]:
    """README as (kind, first line, lines): "code" for a fenced block (SQL and Python left
    out), "prose" for a paragraph or a list item, "blank" for an empty line."""
    blocks: list[tuple[str, int, list[str]]] = []
    lines = README.split("\n")
    number = 0
    while number < len(lines):
        if lines[number].startswith("```"):
            end = next(n for n in range(number + 1, len(lines)) if lines[n].startswith("```"))
            kind = "other" if lines[number].strip("`") in ("sql", "python") else "code"
            blocks.append((kind, number + 2, lines[number + 1 : end]))
            number = end + 1
        elif not lines[number].strip():
            blocks.append(("blank", number + 1, []))
            number += 1
        else:
            start = number
            number += 1
            while (
                number < len(lines)
                and lines[number].strip()
                and not lines[number].startswith("```")
                and not re.match(r"(- |\d+\. )", lines[number])
            ):
                number += 1
            blocks.append(("prose", start + 1, lines[start:number]))
    return blocks


def spans(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


@cache
def readme_mentions() -> Mentions:
    mentions = Mentions()
    blocks = readme_blocks()
    named: list[set[str]] = []
    for kind, first, lines in blocks:
        names = set()
        for offset, text in enumerate(lines):
            for code in [text] if kind == "code" else spans(text) if kind == "prose" else []:
                if name := mentions.invocation(first + offset, code):
                    names.add(name)
        named.append(names)
    for index, (kind, first, lines) in enumerate(blocks):
        # An option named on its own belongs to the commands its paragraph names, else to those
        # of the code block right before or after the paragraph; elsewhere it is another
        # program's (python -m bench --quick).
        around = set(named[index])
        for step in (-1, 1):
            near = index + step
            while 0 <= near < len(blocks) and blocks[near][0] == "blank":
                near += step
            if not named[index] and 0 <= near < len(blocks) and blocks[near][0] == "code":
                around |= named[near]
        if kind != "prose" or not around:
            continue
        for offset, text in enumerate(lines):
            for code in spans(text):
                option = code.split()[0].split("=")[0]
                if OPTION.fullmatch(option):
                    mentions.bare(first + offset, option, around)
    return mentions


def test_every_option_the_readme_gives_a_command_is_one_it_has() -> None:
    mentions = readme_mentions()
    wrong = list(mentions.errors)
    for name, given in mentions.options.items():
        known = options_of(main.commands[name])
        wrong += [
            f"README.md:{line}: `ggcrawl {name} … {option}`: {name} has no option {option} "
            f"(it has {', '.join(sorted(known))})"
            for line, option in given
            if option not in known and option not in HELP
        ]
    assert not wrong, "\n".join(wrong)


def test_every_option_of_every_command_is_in_the_readme() -> None:
    mentions = readme_mentions()
    missing = []
    for name, command in main.commands.items():
        said = {option for _line, option in mentions.options.get(name, [])}
        for param in command.params:
            names = [*param.opts, *param.secondary_opts]
            if isinstance(param, click.Option) and not said & set(names):
                missing.append(f"ggcrawl {name} {'/'.join(names)}")
    assert not missing, (
        "README never shows these options with their command (in a `ggcrawl CMD …` example, "
        "or in backticks beside one): " + "; ".join(missing)
    )


# --- documents cited ------------------------------------------------------------------------


@cache
def tracked() -> tuple[set[str], set[str]]:
    """The repository's tracked files and the folders that hold them."""
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    files = {name for name in listed.split("\0") if name}
    folders = {str(Path(name).parent) for name in files}
    folders |= {str(parent) for folder in folders for parent in Path(folder).parents}
    return files, folders - {"."}


def ignored(paths: list[str]) -> set[str]:
    """Which of the paths git ignores: files the code writes (archives, benchmark results)."""
    result = subprocess.run(
        ["git", "check-ignore", "--stdin"],
        cwd=REPO,
        input="\n".join(paths),
        capture_output=True,
        text=True,
    )
    return set(result.stdout.split())


def documentation_files() -> list[str]:
    """Tracked text files, less the fixtures (pages saved from other sites and what they cite)
    but with the fixtures' READMEs, and less this file, whose examples are made up."""
    files, _ = tracked()
    return sorted(
        name
        for name in files
        if not name.startswith("tests/fixtures/") or Path(name).name == "README.md"
        if name != "tests/test_docs.py"
        if (REPO / name).is_file() and b"\0" not in (REPO / name).read_bytes()[:8000]
    )


def anchors(markdown: str) -> set[str]:
    """GitHub's anchors for a Markdown file's headings."""
    slugs = set()
    for heading in re.findall(r"^#+ (.+)$", markdown, re.M):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
        slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        slugs.add(slug if slug not in slugs else next(
            f"{slug}-{n}" for n in range(1, 100) if f"{slug}-{n}" not in slugs
        ))  # fmt: skip
    return slugs


def resolve(citing: str, target: str) -> list[str]:
    """Where a cited path may be: beside the citing file, or from the repository's root."""
    places = []
    for base in (REPO / citing).parent, REPO:
        place = (base / target).resolve()
        if place.is_relative_to(REPO):
            places.append(place.relative_to(REPO).as_posix())
    return places


# A document cited by name: README.md, SITE.md, docs/design.md, ../shared/SITE.md. A lowercase
# name without a folder (latest.md) is a file the code writes, not a citation.
MARKDOWN_NAME = re.compile(r"(?<![\w/.-])((?:\.{1,2}/)*(?:[\w.-]+/)*[\w.-]+\.md)\b")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
# A repository path in backticks in a Markdown file: `ggcrawl/extract/labels.py`, `docs/`.
BACKTICKED_PATH = re.compile(r"`([\w.-]+/[^`\s<>*{}…]*)`")
# The folder beside the repository that the project must not lean on.
OUTSIDE = re.compile(r"(?<![\w.])(\.\./shared\b[^\s`'\")\]]*)")


@dataclass
class Citation:
    citing: str  # the file that cites
    line: int
    kind: str  # "document", "link" or "path"
    what: str  # as written
    path: str  # the file or folder it names ("" for an anchor in the citing file)


def citations() -> list[Citation]:
    """Every document, link target and repository path the documentation files cite."""
    files, _ = tracked()
    top = {name.split("/")[0] for name in files}
    return [
        Citation(name, line_of(text, match.start()), kind, match.group(1), path)
        for name in documentation_files()
        for text in [(REPO / name).read_text(encoding="utf-8", errors="replace")]
        for kind, match, path in cited_in(name, text, top)
    ]


def cited_in(name: str, text: str, top: set[str]) -> list[tuple[str, re.Match[str], str]]:
    """(kind, match, path) for what one file cites."""
    found = [
        ("document", match, match.group(1))
        for match in MARKDOWN_NAME.finditer(text)
        if "/" in match.group(1) or match.group(1)[0].isupper()
    ]
    found += [("path", match, match.group(1)) for match in OUTSIDE.finditer(text)]
    if name.endswith(".md"):
        found += [
            ("link", match, match.group(1).split("#")[0])
            for match in LINK.finditer(text)
            if not re.match(r"[a-z][a-z0-9+.-]*:", match.group(1))
        ]
    if name.endswith(".md") and not name.startswith("tests/fixtures/"):
        # (the fixtures' READMEs quote the saved pages' own links)
        found += [
            ("path", match, match.group(1))
            for match in BACKTICKED_PATH.finditer(text)
            if match.group(1).split("/")[0] in top
        ]
    return found


def test_every_document_and_path_a_file_cites_is_in_the_repository() -> None:
    """Nothing may lean on documents outside the repository (the brief's SITE.md or DESIGN.md
    in ../shared): what a file cites is tracked, or is a file the code writes (git-ignored)."""
    files, folders = tracked()
    cited = [citation for citation in citations() if citation.path]  # anchors: the next test
    outputs = ignored(sorted({p for c in cited for p in resolve(c.citing, c.path)}))
    missing = []
    for citation in cited:
        where = f"{citation.citing}:{citation.line} cites {citation.what}"
        places = resolve(citation.citing, citation.path)
        if not places or citation.path.startswith("../shared"):
            missing.append(f"{where}, outside the repository")
        elif not any(p in files or p.rstrip("/") in folders or p in outputs for p in places):
            missing.append(f"{where}, which the repository does not have")
    assert not missing, "\n".join(missing)


def test_every_anchor_a_markdown_link_names_is_a_heading() -> None:
    files, _ = tracked()
    broken = []
    for citation in citations():
        if citation.kind != "link" or "#" not in citation.what:
            continue
        places = resolve(citation.citing, citation.path) if citation.path else [citation.citing]
        target = next((place for place in places if place in files), None)
        if target is None or not target.endswith(".md"):
            continue  # a missing file is the previous test's
        anchor = citation.what.split("#", 1)[1]
        if anchor not in anchors((REPO / target).read_text(encoding="utf-8")):
            broken.append(
                f"{citation.citing}:{citation.line} links to {citation.what}, but {target} has "
                "no heading with that anchor"
            )
    assert not broken, "\n".join(broken)
