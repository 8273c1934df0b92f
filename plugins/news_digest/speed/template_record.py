"""Each template's analysis kept between builds, so an unchanged theme is not analysed again.

Pure module (Jinja only), a helper of the rebuild (the ``speed`` stage). Working out
what a template can read (``template_deps``, ``template_paths``) was the same fixed
cost in every build (13 % of a profiled steady day at 1,000 stories). The record
(``templates.bin`` in the content cache's keyed folder, beside ``pages.json``)
keeps each analysis with what it was made of, and a build takes it back only when
all of that is as it was:

- per environment (``environment_key``): Jinja's version, this plugin's code, what
  of the environment the parser and the analysis read (the lexer's options, each
  extension with its code's file, which filters, tests and globals are Jinja's own
  and which other names exist) and the loader's search path;
- per template: the text the loader returns now (hashed) for every template name the
  analysis asked for, the template itself and all it extends, includes and imports,
  and each name it did not find (a template that appears is analysed again).

The loader is asked again in every build (a file read per template, no parsing), so
an edited, added or removed template, wherever it lies on the search path, is
analysed again. The record holds plain values only (tuples, strings, frozensets; the
path trees as nested tuples), pickled after a first line naming the format and a hash
of the rest, which is checked before anything is unpickled, and unpickled with no
class allowed. A damaged one is removed with one warning and every template analysed.
Written atomically when a build analysed anything, whether or not the build succeeds:
an analysis depends only on what is keyed, not on the output.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from pathlib import Path

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS
from jinja2.tests import TESTS

from ..atomic_file import write_bytes_atomically
from .cache_key import add_source_files
from .json_record import read_or_discard
from .template_refs import PathNode, TemplateReads

RECORD = "templates.bin"
MAGIC = b"news-digest templates 1 "
# What of an environment the lexer and parser read (template_code.py lists them too).
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline", "is_async")


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def source_digest(source: str) -> str:
    """A template's text, as the loader returns it, hashed."""
    return _hash(source.encode("utf-8", "surrogatepass"))


def _code_file(kind: type) -> str:
    """The hash of the file defining ``kind`` (an extension's code), or its name."""
    try:
        import inspect  # noqa: PLC0415 - only for extensions, once per environment

        return _hash(Path(inspect.getfile(kind)).read_bytes())
    except (TypeError, OSError):
        return "?"


def _loader(loader) -> object:
    """The loader's kind and search path (its templates' text is checked one by one)."""
    if loader is None:
        return None
    kind = f"{type(loader).__module__}.{type(loader).__qualname__}"
    if isinstance(loader, jinja2.ChoiceLoader):
        return (kind, [_loader(inner) for inner in loader.loaders])
    if isinstance(loader, jinja2.PrefixLoader):
        return (kind, loader.delimiter, sorted((prefix, _loader(inner))
                                               for prefix, inner in loader.mapping.items()))
    if isinstance(loader, jinja2.FileSystemLoader):
        return (kind, [os.path.abspath(p) for p in loader.searchpath], loader.encoding,
                loader.followlinks)
    return kind


def _plugin_code() -> str:
    digest = hashlib.blake2b(digest_size=16)
    add_source_files(digest)
    return digest.hexdigest()


def environment_key(environment, code: str) -> str:
    """What of ``environment`` (and of the code, ``code``) an analysis depends on."""
    syntax = [repr(getattr(environment, name, None)) for name in _SYNTAX]
    extensions = sorted((name, f"{type(ext).__module__}.{type(ext).__qualname__}",
                         _code_file(type(ext))) for name, ext in environment.extensions.items())
    own = [sorted((name, value is builtins.get(name)) for name, value in mapping.items())
           for mapping, builtins in ((environment.filters, FILTERS), (environment.tests, TESTS),
                                     (environment.globals, DEFAULT_NAMESPACE))]
    described = repr((jinja2.__version__, code, syntax, extensions, own,
                      _loader(environment.loader)))
    return _hash(described.encode("utf-8", "surrogatepass"))


# -- the analyses as plain values ---------------------------------------------------

def _node_plain(node: PathNode) -> tuple:
    return tuple((step, _node_plain(child)) for step, child in node.steps.items())


def _node_of(plain: tuple) -> PathNode:
    node = PathNode()
    node.steps = {step: _node_of(child) for step, child in plain}
    return node


def reads_plain(reads: TemplateReads) -> tuple:
    return (tuple((guards, tuple((root, _node_plain(node)) for root, node in trees.items()))
                  for guards, trees in reads.branches), reads.roots)


def reads_of(plain: tuple) -> TemplateReads:
    branches, roots = plain
    return TemplateReads(tuple((frozenset(guards), {root: _node_of(node) for root, node in trees})
                               for guards, trees in branches), frozenset(roots))


# -- the record ---------------------------------------------------------------------

class _PlainOnly(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} in a record of plain values")


def _valid(record) -> bool:
    return isinstance(record, dict) and all(
        isinstance(key, str) and isinstance(entries, dict) and all(
            isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 2
            and isinstance(entry[0], tuple) for name, entry in entries.items())
        for key, entries in record.items())


def _problem(data: bytes) -> tuple[str, dict | None]:
    head, newline, body = data.partition(b"\n")
    if not newline or not head.startswith(MAGIC):
        return "not a template record of this version", None
    if head[len(MAGIC):] != _hash(body).encode("ascii"):
        return "its hash does not match: damaged", None
    try:
        record = _PlainOnly(io.BytesIO(body)).load()
    except Exception as err:  # a record we wrote, yet unreadable: say so, start over
        return " ".join(f"{type(err).__name__}: {err}".split())[:200], None
    return ("", record) if _valid(record) else ("unexpected content", None)


def load(cache_path: str | os.PathLike) -> dict:
    """The kept analyses ({environment key: {template: entry}}); {} when there are none."""
    return read_or_discard(Path(cache_path) / RECORD, _problem,
                           "every template is analysed anew") or {}


def save(cache_path: str | os.PathLike, record: dict) -> None:
    body = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    Path(cache_path).mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(Path(cache_path) / RECORD,
                           MAGIC + _hash(body).encode("ascii") + b"\n" + body)


def forget(cache_path: str | os.PathLike) -> None:
    """``build --force``: every template is analysed again."""
    try:
        os.unlink(Path(cache_path) / RECORD)
    except OSError:
        pass


class TemplateAnalyses:
    """The analyses of one build: shared by its Jinja environments that are alike,
    taken from the previous build's record when what they read is unchanged, and
    kept for the next build (``save``)."""

    def __init__(self, cache_path: str | os.PathLike | None):
        self.cache_path = cache_path
        self.kept: dict | None = None  # the record, read at first use
        self.entries: dict[str, dict] = {}  # this build's, per environment key
        self.analysed = 0  # templates analysed in this build (not taken from a record)
        self._code: str | None = None
        self._deps: dict[int, object] = {}
        self._parsed: dict[str, object] = {}  # per environment key: ``template_deps.Parsed``

    def deps(self, environment):
        """The ``TemplateDeps`` of ``environment``, answering from the record."""
        from .template_deps import Parsed, TemplateDeps  # noqa: PLC0415 - it imports this

        found = self._deps.get(id(environment))
        if found is None:
            if self._code is None:
                self._code = _plugin_code()
            key = environment_key(environment, self._code)
            if key not in self.entries:
                if self.kept is None:
                    self.kept = load(self.cache_path) if self.cache_path else {}
                self.entries[key] = dict(self.kept.get(key, {}))
            parsed = self._parsed.setdefault(key, Parsed())
            found = self._deps[id(environment)] = (
                TemplateDeps(environment, self.entries[key], self, parsed), environment)
        return found[0]  # the environment is held with it: no other takes its id

    def save(self) -> None:
        """Keep this build's analyses, when it made any."""
        if self.analysed and self.cache_path:
            save(self.cache_path, self.entries)
