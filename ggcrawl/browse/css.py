"""CSS from the site, made safe for replay: the one part of sanitising nh3 does not do.

nh3 (Ammonia) keeps a ``style`` attribute's values as the page wrote them (it can only drop
whole properties: ``background:url(http://elsewhere/x)`` and ``width:expression(…)`` pass) and
never reads ``<style>`` elements or stylesheets. So CSS is read here with tinycss2, a parser of
the CSS Syntax specification, which decodes escapes and comments as a browser does (``u\\72l(``
is a URL to it too), and written out again from what is kept: every ``url()`` replaced by the
archive path ``resolve`` gives (or by ``none``), every ``@import`` by an archived stylesheet's
path (or dropped); a declaration of a property the replay does not keep or with a function
not known to be harmless (``expression()``, ``image-set()``) and the at-rules that load fonts
or change the parse are dropped. No URL the site
wrote is ever passed through.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import tinycss2
from tinycss2 import ast

from ggcrawl.extract.requisites import css_urls, import_address

# (URL as written, "image" or "stylesheet") → the archive's path for it, or None.
Resolve = Callable[[str, str], str | None]

# At-rules whose blocks hold rules or declarations that are kept once cleaned.
BLOCK_AT_RULES = frozenset(
    "media supports keyframes -webkit-keyframes -moz-keyframes page document layer".split()
)
# The functions of values that compute colours, sizes, gradients, shapes and transforms (with
# or without a vendor prefix). Any other (expression(), image-set() and its strings that are
# URLs, IE's progid filters) takes its declaration with it.
SAFE_FUNCTIONS = frozenset(
    "rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix calc min max clamp var env "
    "linear-gradient radial-gradient conic-gradient repeating-linear-gradient "
    "repeating-radial-gradient repeating-conic-gradient gradient translate translatex "
    "translatey translatez translate3d rotate rotatex rotatey rotatez rotate3d scale scalex "
    "scaley scalez scale3d skew skewx skewy matrix matrix3d perspective cubic-bezier steps "
    "rect inset circle ellipse polygon counter counters blur brightness contrast drop-shadow "
    "grayscale hue-rotate invert opacity saturate sepia fit-content minmax repeat".split()
)
VENDOR_PREFIX = re.compile(r"^-(?:webkit|moz|ms|o)-")
# What the replay keeps of a page's CSS: the properties of layout, boxes, colours,
# backgrounds, borders, fonts, text, lists, tables and motion (with or without a vendor
# prefix), by name or by family (``border-top-left-radius`` is of ``border``). Anything else
# (IE's ``behavior``, Mozilla's ``-moz-binding``, custom properties, words that are no
# property) is dropped. One list for style attributes, ``<style>`` and stylesheets alike, which
# is why it is not nh3's ``filter_style_properties``: that applies to attributes only.
PROPERTIES = frozenset(
    "align-content align-items align-self all aspect-ratio bottom box-shadow box-sizing "
    "caption-side clear clip clip-path color content counter-increment counter-reset cursor "
    "direction display empty-cells filter float gap height inset isolation justify-content "
    "justify-items justify-self left letter-spacing line-height mix-blend-mode object-fit "
    "object-position opacity order orphans position quotes resize right row-gap table-layout "
    "top unicode-bidi vertical-align visibility white-space widows width word-break "
    "word-spacing word-wrap writing-mode z-index zoom".split()
)
PROPERTY_FAMILIES = (
    "animation",
    "background",
    "border",
    "break",
    "column",
    "flex",
    "font",
    "grid",
    "list-style",
    "margin",
    "max-",
    "min-",
    "outline",
    "overflow",
    "padding",
    "page-break",
    "perspective",
    "place-",
    "scroll",
    "text",
    "transform",
    "transition",
    "user-select",
)


def clean_stylesheet(css: str, resolve: Resolve) -> str:
    """A stylesheet (a file or a ``<style>`` element's text) with only archive references."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True)
    return tinycss2.serialize(_clean_rules(rules, resolve, top=True)).strip()


def clean_declarations(css: str, resolve: Resolve) -> str:
    """A ``style`` attribute's declarations with only archive references (and no rules, which
    an attribute cannot hold)."""
    nodes = tinycss2.parse_blocks_contents(css, skip_comments=True)
    kept = [
        node
        for node in _clean_rules(nodes, resolve, top=False)
        if isinstance(node, (ast.Declaration, ast.WhitespaceToken))
    ]
    return tinycss2.serialize(kept).strip(" ;")


def references(css: str, *, declarations: bool = False) -> tuple[set[str], set[str]]:
    """(images, stylesheets) a stylesheet or, with ``declarations``, a ``style`` attribute
    refers to, as written: what to look up in the archive before cleaning it."""
    images: set[str] = set()
    imports: set[str] = set()
    if declarations:
        nodes = tinycss2.parse_blocks_contents(css, skip_comments=True)
    else:
        nodes = tinycss2.parse_stylesheet(css, skip_comments=True)
    pending = list(nodes)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.AtRule) and node.lower_at_keyword == "import":
            target = import_address(node.prelude)
            if target is not None:
                imports.add(target)
        elif isinstance(node, ast.Declaration):
            images.update(css_urls(node.value))
        elif isinstance(node, (ast.AtRule, ast.QualifiedRule)) and node.content is not None:
            pending.extend(tinycss2.parse_blocks_contents(node.content, skip_comments=True))
    return images, imports


def _clean_rules(nodes: list, resolve: Resolve, *, top: bool) -> list:
    kept: list = []
    for node in nodes:
        if isinstance(node, ast.Declaration):
            declaration = _clean_declaration(node, resolve)
            if declaration is not None:
                kept.append(declaration)  # serialize() ends each with ";"
        elif isinstance(node, ast.QualifiedRule):
            if any(isinstance(t, ast.LiteralToken) and t.value == "<" for t in node.prelude):
                continue  # no selector: markup an unclosed <style> took in
            content = _clean_rules(
                tinycss2.parse_blocks_contents(node.content, skip_comments=True), resolve, top=False
            )
            kept.append(
                ast.QualifiedRule(node.source_line, node.source_column, node.prelude, content)
            )
        elif isinstance(node, ast.AtRule):
            kept += _clean_at_rule(node, resolve, top=top)
        elif isinstance(node, ast.WhitespaceToken):
            kept.append(node)
    return kept


def _clean_at_rule(rule: ast.AtRule, resolve: Resolve, *, top: bool) -> list:
    keyword = rule.lower_at_keyword
    if keyword == "import":
        target = import_address(rule.prelude) if top else None
        path = resolve(target, "stylesheet") if target is not None else None
        if path is None:
            return []
        media = _after_import_target(rule.prelude)
        if _clean_tokens(media, resolve) is None:
            return []
        prelude = [
            ast.WhitespaceToken(rule.source_line, rule.source_column, " "),
            _url(rule, path),
            *media,
        ]
        return [ast.AtRule(rule.source_line, rule.source_column, "import", "import", prelude, None)]
    if keyword not in BLOCK_AT_RULES or rule.content is None:
        return []  # @font-face, @charset, @namespace, anything unknown
    prelude = _clean_tokens(rule.prelude, resolve)
    if prelude is None:
        return []
    content = _clean_rules(
        tinycss2.parse_blocks_contents(rule.content, skip_comments=True), resolve, top=False
    )
    return [
        ast.AtRule(rule.source_line, rule.source_column, rule.at_keyword, keyword, prelude, content)
    ]


def _clean_declaration(node: ast.Declaration, resolve: Resolve) -> ast.Declaration | None:
    name = VENDOR_PREFIX.sub("", node.lower_name)
    if name not in PROPERTIES and not name.startswith(PROPERTY_FAMILIES):
        return None
    value = _clean_tokens(node.value, resolve)
    if value is None:
        return None
    return ast.Declaration(
        node.source_line, node.source_column, node.name, node.lower_name, value, node.important
    )


def _clean_tokens(tokens: list, resolve: Resolve) -> list | None:
    """``tokens`` with each URL made an archive path or ``none``; None if they cannot be kept."""
    kept: list = []
    for token in tokens:
        if isinstance(token, ast.ParseError):
            return None
        url = _url_of(token)
        if url is not None:
            path = resolve(url, "image")
            kept.append(
                _url(token, path)
                if path
                else ast.IdentToken(token.source_line, token.source_column, "none")
            )
        elif isinstance(token, ast.FunctionBlock):
            if VENDOR_PREFIX.sub("", token.lower_name) not in SAFE_FUNCTIONS:
                return None
            arguments = _clean_tokens(token.arguments, resolve)
            if arguments is None:
                return None
            kept.append(
                ast.FunctionBlock(token.source_line, token.source_column, token.name, arguments)
            )
        elif isinstance(
            token, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)
        ):
            content = _clean_tokens(token.content, resolve)
            if content is None:
                return None
            kept.append(type(token)(token.source_line, token.source_column, content))
        else:
            kept.append(token)
    return kept


def _url_of(token) -> str | None:
    """The URL a token names: ``url(x)`` or ``url("x")``."""
    if isinstance(token, ast.URLToken):
        return token.value
    if isinstance(token, ast.FunctionBlock) and token.lower_name == "url":
        strings = [t for t in token.arguments if isinstance(t, ast.StringToken)]
        return strings[0].value if strings else ""
    return None


def _after_import_target(prelude: list) -> list:
    """An ``@import``'s media list: what follows its URL."""
    rest = list(prelude)
    while rest and isinstance(rest[0], ast.WhitespaceToken):
        rest.pop(0)
    return rest[1:]


def _url(token, path: str) -> ast.URLToken:
    quoted = path.replace("\\", "\\\\").replace('"', '\\"')
    return ast.URLToken(token.source_line, token.source_column, path, f'url("{quoted}")')
