"""What every output of a site built from hostile seeds must be (tests/test_hostile_hunt.py):
each check returns a list of problems, one line each, empty when the output is sound."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import html5lib
import lxml.etree
import lxml.html
from hostile_gen import CANARY

_SCRIPT_END = re.compile(rb"</script|<!--", re.I)
_BAD_SCHEME = ("javascript:", "data:", "vbscript:", "file:")


def dom_problems(tree, where: str) -> list[str]:
    """Elements or attributes a seed's text asked for, scripts that are not data."""
    problems = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if CANARY in tag.lower():
            problems.append(f"{where}: element <{tag}> made from seed text")
        for name, value in element.attrib.items():
            if CANARY in name.lower():
                problems.append(f"{where}: attribute {name} made from seed text")
            if name.lower() in ("href", "src", "action", "formaction", "content") \
                    and value.strip().lower().startswith(_BAD_SCHEME) \
                    and not (element.tag == "link" and element.get("rel") == "icon"):
                problems.append(f"{where}: <{tag} {name}={value[:60]!r}>")
        if tag == "script" and element.get("type") != "application/ld+json" \
                and not element.get("src"):
            problems.append(f"{where}: an inline script {(element.text or '')[:60]!r}")
        if tag in ("iframe", "object", "embed", "svg", "math", "img", "base"):
            problems.append(f"{where}: element <{tag}>")
    return problems


def html_problems(path: Path, where: str) -> list[str]:
    data = path.read_bytes()
    problems = []
    try:
        tree = lxml.html.fromstring(data)
    except (lxml.etree.ParserError, ValueError) as error:
        return [f"{where}: does not parse: {error}"]
    problems += dom_problems(tree, where)
    # The same page as a browser parses it (HTML5): an early '</script>' or '<!--'
    # in a JSON-LD block would show here as a script element that is no JSON.
    doc = html5lib.parse(data, treebuilder="lxml", namespaceHTMLElements=False)
    problems += dom_problems(doc.getroot(), where + " (html5)")
    for script in doc.getroot().iter("script"):
        if script.get("type") == "application/ld+json":
            try:
                json.loads(script.text or "")
            except ValueError as error:
                problems.append(f"{where}: JSON-LD does not parse: {error}")
    for match in re.finditer(rb"<script type=\"application/ld\+json\">(.*?)</script>", data,
                             re.S):
        if _SCRIPT_END.search(match.group(1)):
            problems.append(f"{where}: '</script' or '<!--' inside JSON-LD")
    return problems


def feed_problems(path: Path, where: str) -> list[str]:
    data = path.read_bytes()
    try:
        lxml.etree.fromstring(data, lxml.etree.XMLParser(recover=False, resolve_entities=False))
    except lxml.etree.XMLSyntaxError as error:
        return [f"{where}: not well-formed XML: {error}"]
    if path.name.startswith("sitemap") or "sitemap" in where or path.suffix == ".opml":
        return []
    feed = feedparser.parse(data)
    problems = []
    if feed.bozo:
        problems.append(f"{where}: feedparser bozo: {feed.get('bozo_exception')}")
    for entry in feed.entries:
        for part in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
            if part:
                tree = lxml.html.fragment_fromstring(part, create_parent="div")
                problems += dom_problems(tree, f"{where} item {entry.get('id')}")
    return problems


def json_problems(path: Path, where: str) -> list[str]:
    data = path.read_bytes()
    try:
        value = json.loads(data)
    except ValueError as error:
        return [f"{where}: not JSON: {error}"]
    problems = []
    if _SCRIPT_END.search(data) and path.name == "stories.json":
        problems.append(f"{where}: '</script' or '<!--' in stories.json")
    for item in value.get("items", []) if isinstance(value, dict) else []:
        for key in ("content_html", "summary"):
            if item.get(key) and key == "content_html":
                tree = lxml.html.fragment_fromstring(item[key], create_parent="div")
                problems += dom_problems(tree, f"{where} item {item.get('id')}")
    return problems


def site_problems(output: Path) -> list[str]:
    """Every HTML page, feed, sitemap and JSON file of ``output``."""
    problems = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or "pagefind" in path.parts:
            continue
        where = path.relative_to(output).as_posix()
        if path.suffix == ".html":
            problems += html_problems(path, where)
        elif path.suffix in (".xml", ".opml", ".atom", ".rss"):
            problems += feed_problems(path, where)
        elif path.suffix == ".json":
            problems += json_problems(path, where)
    return problems


def outside_files(before: dict[str, float], folder: Path, inside: tuple[str, ...]) -> list[str]:
    """Files written in ``folder`` since ``before`` (path -> mtime) outside ``inside``."""
    problems = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(tuple(f"{part}/" for part in inside)) or rel in inside \
                or not path.is_file():
            continue
        if before.get(rel) != path.stat().st_mtime:
            problems.append(f"written outside the output: {rel}")
    return problems


def snapshot(folder: Path) -> dict[str, float]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime
            for p in folder.rglob("*") if p.is_file()}
