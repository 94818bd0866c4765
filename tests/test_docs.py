"""The README documents every command and every option a user can pass (datasette's test_docs idea)."""

from __future__ import annotations

from tests.conftest import ROOT
from ui.commands import COMMANDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for command in COMMANDS:
        assert f"workbench {command.name}" in README, command.name


def test_every_option_is_in_the_readme():
    for command in COMMANDS:
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, f"workbench {command.name} {opt}"


def test_readme_starts_with_the_two_commands():
    head = README[:2500]
    assert "make run" in head and "make test" in head
