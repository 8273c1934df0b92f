"""``explain`` tells the curator what readers are shown of a story (its republishing
policy, and where the policy comes from), or names the sources file's mistake."""

from __future__ import annotations

import subprocess
import sys

from theme_site import SOURCES, SOURCES_WITHOUT_POLICIES

from sitebuild import ROOT, SAMPLE_SEED, seed_text


def _explain(folder, *seeds, content: bool = True):
    """``explain`` with the project's settings, but this folder's sources file."""
    (folder / "settings.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PATH = {str(ROOT / 'content' if content else folder / 'content')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"DIGEST_TOPICS_FILE = {str(ROOT / 'topics.toml')!r}\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "news_digest", "explain", *map(str, seeds),
                           "-s", str(folder / "settings.py")],
                          capture_output=True, text=True, cwd=folder)


def _shown(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("Shown as: ")]


def _seeds(folder, *publishers):
    for publisher in publishers:
        seed = folder / f"{publisher.split()[-1].lower()}.txt"
        seed.write_text(seed_text(source=publisher), encoding="utf-8")
        yield seed


def test_explain_says_what_readers_see_and_why(tmp_path):
    (tmp_path / "sources.toml").write_text(SOURCES, encoding="utf-8")
    result = _explain(tmp_path, *_seeds(tmp_path, "Example Gazette", "The Daily Example",
                                        "Other Paper"))
    assert result.returncode == 0, result.stderr
    assert _shown(result.stdout) == [
        "Shown as: excerpt (the lead and a link to the original): the policy sources.toml "
        "gives Example Gazette (docs/publishing.md)",
        "Shown as: link (the headline, the credit and a link to the original, none of its "
        "text): the policy sources.toml gives The Daily Example (docs/publishing.md)",
        "Shown as: link (the headline, the credit and a link to the original, none of its "
        "text): DIGEST_DEFAULT_POLICY: sources.toml does not name Other Paper "
        "(docs/publishing.md)"]
    (tmp_path / "sources.toml").write_text(SOURCES_WITHOUT_POLICIES, encoding="utf-8")
    result = _explain(tmp_path, *_seeds(tmp_path, "Example Herald"))
    assert _shown(result.stdout) == [
        "Shown as: link (the headline, the credit and a link to the original, none of its "
        "text): DIGEST_DEFAULT_POLICY: sources.toml gives Example Herald no policy "
        "(docs/publishing.md)"]


def test_explain_names_a_broken_sources_file(tmp_path):
    (tmp_path / "sources.toml").write_text("[[source]]\nname = 1\n", encoding="utf-8")
    result = _explain(tmp_path, SAMPLE_SEED)
    assert result.returncode == 2
    assert "sources.toml:" in result.stderr and "Traceback" not in result.stderr


def test_explain_names_a_missing_content_folder_without_a_traceback(tmp_path):
    # It was Pelican's ValueError and its traceback.
    result = _explain(tmp_path, SAMPLE_SEED, content=False)
    assert result.returncode == 2
    assert "settings.py: " in result.stderr and "content" in result.stderr
    assert "Traceback" not in result.stderr
