"""Outputs stay inside --out and get the user's umask; untrusted text is rendered as text."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from align.atomic import write_text_atomic
from align.errors import InputError
from align.paths import check_plain_name, inside, safe_name
from tests.conftest import SEEDS
from ui.app_pages.markup import highlighted, html_line, plain
from ui.cli import cli

PAYLOADS = [
    "![x](http://127.0.0.1:9/leak.png)",
    "[x](javascript:alert(1)) **B**",
    "<img src=http://127.0.0.1:9/leak2.png onerror=alert(1)>",
    "a\r\r![y](http://127.0.0.1:9/leak3.png)",
    "a\u2028\u2029\x85![z](http://127.0.0.1:9/leak4.png)",
]


@pytest.mark.parametrize("name", ["../../etc/x", "/abs/path", "..", "a/b", "x\x00y"])
def test_a_name_that_is_a_path_is_refused_or_made_plain(tmp_path, name):
    with pytest.raises(InputError, match="plain name"):
        check_plain_name(name)
    path = inside(tmp_path, name, ".json")
    assert path.parent == tmp_path and "/" not in path.name and not path.name.startswith(".")


def test_process_name_outside_out_is_one_line_and_writes_nothing(tmp_path):
    seed = SEEDS / "002_98cc284bed931188.txt"
    out = tmp_path / "o" / "a" / "b"
    run = CliRunner().invoke(cli, ["process", "--ru", str(seed), "--en", str(seed), "--name", "../../etc/x",
                                   "--out", str(out)])  # fmt: skip
    assert run.exit_code == 2 and "plain name" in run.output and "Traceback" not in run.output
    assert not (tmp_path / "o" / "etc").exists()


def test_results_get_the_users_umask(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_text_atomic(tmp_path / "r.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_safe_name_keeps_cyrillic_and_drops_separators():
    assert safe_name("Запись беседы 1952") == "Запись беседы 1952"
    assert safe_name("[x](javascript:…) **B** ![p](p.png)") == "[x](javascript_…) _B_ ![p](p.png)"
    assert len(safe_name("я" * 300).encode()) <= 200


@pytest.mark.parametrize("payload", PAYLOADS)
def test_untrusted_text_never_becomes_markup(payload):
    for html in (highlighted(payload, ()), html_line((payload, "b"))):
        assert "<img" not in html and "<a " not in html and "](" not in html
        assert "\r" not in html and "\u2028" not in html and "\n" not in html
    md = plain(payload)
    assert "](" not in md and "**" not in md and "\r" not in md


def test_escaped_text_reads_as_the_characters_it_is():
    """Every special character becomes one entity, never an entity escaped twice: the Editor showed
    "matches &#x27;Fuchun&#x27;" for "matches 'Fuchun'" when the "#" of html.escape's entity was
    escaped again."""
    import html

    text = "matches 'Fuchun' \"Су Юй\" <b>&amp; [x](y) #1 *a* _b_ `c`"
    line = html_line((text, "i"))
    inner = line.removeprefix('<div class="wb-line"><i>').removesuffix("</i></div>")
    assert "&#35;x27;" not in line and "&amp;#" not in line
    assert html.unescape(inner) == text
    assert not any(c in inner for c in "<>\"'[]()*_`")
