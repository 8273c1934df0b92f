"""Each template compiled once per build, not once per Jinja environment.

Pelican gives every generator its own environment, and each compiles the templates
it renders: ``base.html`` and the partials every page includes were compiled six
times in a build. Jinja's bytecode cache hook (``Environment.bytecode_cache``) lets
environments share the compiled code: ``SharedTemplateCode`` keeps it in memory for
the build, keyed by the template's name, file and source (as Jinja's own caches are)
and by everything of the environment that goes into the code: its syntax, options,
extensions, and the filters and tests the compiler may call on constants. Two
environments that differ in any of these never share code.

Pure module: Jinja only.
"""

from __future__ import annotations

from types import FunctionType

from jinja2.bccache import Bucket, BytecodeCache

# Environment attributes that the lexer, parser or code generator read.
_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string",
            "variable_end_string", "comment_start_string", "comment_end_string",
            "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
            "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
            "code_generator_class", "autoescape", "finalize")


def _identity(value) -> object:
    """A function by identity; a callable object by its class and state (Pelican gives
    each environment a ``strftime`` filter object of its own, all alike)."""
    state = getattr(value, "__dict__", None)
    if state is None or isinstance(value, FunctionType | type):
        return id(value)
    return (id(type(value)), repr(sorted(state.items())))


def _identities(mapping) -> tuple:
    return tuple(sorted((name, _identity(value)) for name, value in mapping.items()))


def compiles_alike(environment) -> tuple:
    """What of ``environment`` its compiled code depends on (functions by identity)."""
    options = tuple(id(value) if callable(value) else value
                    for value in (getattr(environment, name) for name in _OPTIONS))
    extensions = tuple(sorted(environment.extensions))
    policies = _identities(environment.policies)
    return (options, extensions, policies, _identities(environment.filters),
            _identities(environment.tests))


class SharedTemplateCode(BytecodeCache):
    """Compiled templates in memory, shared by the environments of one build."""

    def __init__(self):
        # key -> (code, what the key names by identity: kept alive with it, so that
        # no other object can take its id while the build runs)
        self.code: dict[tuple, tuple] = {}

    def _key(self, bucket: Bucket) -> tuple:
        return (bucket.key, bucket.checksum, compiles_alike(bucket.environment))

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.code.get(self._key(bucket))
        if kept is not None:
            bucket.code = kept[0]

    def dump_bytecode(self, bucket: Bucket) -> None:
        environment = bucket.environment
        named = (*environment.filters.values(), *environment.tests.values(),
                 *environment.policies.values(),
                 *(getattr(environment, name) for name in _OPTIONS))
        self.code[self._key(bucket)] = (bucket.code, named)


def share_compiled_templates(environment, shared: SharedTemplateCode) -> None:
    """Let ``environment`` use ``shared``, unless the site set a bytecode cache of its own
    (``JINJA_ENVIRONMENT``)."""
    if environment.bytecode_cache is None:
        environment.bytecode_cache = shared
