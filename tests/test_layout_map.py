"""The README's layout section is the map of the code: every package and module with one line.

The lines are the first lines of the modules' docstrings, so the map cannot drift from the
code: this test fails when a module is added, moved, removed or re-described without the
README following. Rewrite the section with::

    .venv/bin/python -m tests.test_layout_map
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("align", "correct", "ui", "benchmarks")
START, END = "<!-- layout map: start -->", "<!-- layout map: end -->"


def summary(path: Path) -> str:
    """The first line of a module's docstring ("" when it has none)."""
    doc = (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()
    first = doc.splitlines()[0].strip() if doc else ""
    return re.sub(r":\w+:`([^`]+)`", r"`\1`", first).replace("``", "`")  # reST roles -> Markdown code


def layout_map() -> str:
    """The Markdown table of every package and module, in tree order (a package before its modules)."""
    rows = ["| module | what it is for |", "| --- | --- |"]
    for pkg in PACKAGES:
        for path in sorted(
            (ROOT / pkg).rglob("*.py"), key=lambda p: (p.parent.parts, p.name != "__init__.py", p.name)
        ):
            where = path.parent if path.name == "__init__.py" else path
            name = f"`{where.relative_to(ROOT).as_posix()}{'/' if path.name == '__init__.py' else ''}`"
            line = summary(path).replace("|", "\\|")  # a pipe would end the table cell
            rows.append(f"| {name} | {line} |")
    return "\n".join(rows)


def readme_section(text: str) -> str:
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def test_every_module_has_a_one_line_summary():
    missing = [
        str(p.relative_to(ROOT))
        for pkg in PACKAGES
        for p in sorted((ROOT / pkg).rglob("*.py"))
        if not summary(p)
    ]
    assert missing == []


def test_the_readme_layout_is_the_map_of_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert START in readme and END in readme, "the README has no layout map section"
    assert readme_section(readme) == layout_map(), "run `.venv/bin/python -m tests.test_layout_map`"


if __name__ == "__main__":
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    path.write_text(f"{head}{START}\n{layout_map()}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")
    print(f"wrote the layout map into {path}")
