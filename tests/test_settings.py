"""DIGEST_* settings: defaults, and errors that name the setting, the value and what
was expected."""

from __future__ import annotations

import pytest

from news_digest.settings import SETTINGS, DigestConfigError, resolve

from sitebuild import ROOT


def test_defaults_apply_and_user_settings_are_not_modified():
    user = {"SITENAME": "x"}
    resolved = resolve(user)
    assert user == {"SITENAME": "x"}
    assert {name: resolved[name] for name in SETTINGS} == {
        name: spec.default for name, spec in SETTINGS.items()}


def test_every_default_passes_its_own_check():
    for name, spec in SETTINGS.items():
        assert spec.check(spec.default), name


def test_unknown_setting_suggests_the_close_one():
    with pytest.raises(DigestConfigError) as caught:
        resolve({"DIGEST_STIRCT": False})
    assert caught.value.name == "DIGEST_STIRCT"
    assert "did you mean DIGEST_STRICT?" in str(caught.value)


@pytest.mark.parametrize("name, value", [
    ("DIGEST_STRICT", "yes"),
    ("DIGEST_SLUG_MAX_LENGTH", 5),
    ("DIGEST_SLUG_MAX_LENGTH", True),
    ("DIGEST_SOURCE_URL", "/sources/{slug}/"),
    ("DIGEST_SOURCE_SAVE_AS", "sources/index.html"),
])
def test_bad_values_name_setting_value_and_expectation(name, value):
    with pytest.raises(DigestConfigError) as caught:
        resolve({name: value})
    message = str(caught.value)
    assert name in message and repr(value) in message and "expected" in message


def test_the_docs_document_every_setting():
    table = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert [name for name in SETTINGS if f"| `{name}` |" not in table] == []


def test_every_settings_row_of_the_docs_has_the_code_s_default():
    # A row of a settings table (docs/settings.md, docs/importing.md, ...) names a setting
    # the code reads, and a default written as one Python literal is the code's default.
    import ast
    import re

    wrong = []
    for doc in sorted((ROOT / "docs").glob("*.md")):
        text = doc.read_text(encoding="utf-8")
        for name, default in re.findall(r"^\| `(DIGEST_\w+)` \| ([^|]*) \|", text, re.MULTILINE):
            if name not in SETTINGS:
                wrong.append(f"{doc.name}: {name} is no setting")
                continue
            literal = re.fullmatch(r"`([^`]*)`", default.strip())
            if not literal:  # words: "PTI, AP, ...", "`None` (pelicanconf.py sets it)"
                continue
            value, expected = ast.literal_eval(literal[1]), SETTINGS[name].default
            if isinstance(value, list):  # a list in the docs, a tuple in the code
                value, expected = tuple(value), tuple(expected)
            if value != expected or type(value) is not type(expected):
                wrong.append(f"{doc.name}: {name} = {literal[1]}, the code's {expected!r}")
    assert wrong == []


def test_every_range_the_docs_give_a_setting_is_the_one_it_checks():
    # "(20 to 200)" in a settings row of the docs is the range its check says it expects.
    import re

    wrong = []
    for doc in sorted((ROOT / "docs").glob("*.md")):
        text = doc.read_text(encoding="utf-8")
        for name, meaning in re.findall(r"^\| `(DIGEST_\w+)` \| [^|]* \| (.*) \|$", text,
                                        re.MULTILINE):
            for low, high in re.findall(r"\((\d[\d.]*) to (\d[\d.]*)\)", meaning):
                if name in SETTINGS and not re.search(
                        rf"(?:from )?{re.escape(low)} to {re.escape(high)}\b",
                        SETTINGS[name].expected):
                    wrong.append(f"{doc.name}: {name} ({low} to {high})")
    assert wrong == []
