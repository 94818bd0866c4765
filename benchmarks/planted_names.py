"""Name and negation discrepancies planted in the clean corpus's English, for the audit's recall.

``../shared/corpus/planted/`` plants numbers and omissions only. For the name and negation checks,
each clean document gets, where it can, two changes in its English (none in its Russian):
- a name: the first capitalised word inside a sentence whose Russian transliteration the aligned
  Russian paragraph writes ("Hong" / "Хонг") is replaced by another surname (``PLANTED_NAME``);
- a negation: the first affirmative "is / are / was / were / will / can / has / have" of a sentence in
  a paragraph with a Russian counterpart gets a "not" after it.
The gold lists both as discrepancies, located by the English sentence and the Russian paragraph head,
and is scored by paragraph pair (the Russian does not name the changed word).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from align.ingest.document import Source
from benchmarks.corpus_documents import CorpusDocument
from benchmarks.partial_documents import paragraphs
from correct.proposals.translit_evidence import russian_forms

PLANTED_NAME = "Pemberton"  # a surname no corpus document writes
AUXILIARY = re.compile(r"\b(is|are|was|were|will|can|has|have)\b(?! not\b)(?!n't)")
NAME = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b")
SPACE = re.compile(r"\s+")


def _russian_of(en_par: str, gold: dict, ru_pars: Sequence[str]) -> str | None:
    """The Russian paragraph the gold links to this English paragraph, or None."""
    squeeze = SPACE.sub("", en_par)
    for entry in gold["links"]:
        if entry["ru"] and SPACE.sub("", entry["en"]) in squeeze:
            needle = SPACE.sub("", entry["ru"][0])
            return next((p for p in ru_pars if needle in SPACE.sub("", p)), None)
    return None


def plant_name(en_pars: list[str], ru_pars: Sequence[str], gold: dict) -> dict | None:
    for k, par in enumerate(en_pars):
        ru_par = _russian_of(par, gold, ru_pars)
        if ru_par is None:
            continue
        low = ru_par.lower()
        for m in NAME.finditer(par):
            if any(form.lower()[:4] in low for form in russian_forms(m.group(1)) if len(form) >= 4):
                en_pars[k] = par[: m.start()] + PLANTED_NAME + par[m.end() :]
                head = en_pars[k][max(0, m.start() - 20) : m.start() + len(PLANTED_NAME)]
                return _discrepancy("name", head, ru_par, f"planted: '{m.group(1)}' -> '{PLANTED_NAME}'")
    return None


def plant_negation(en_pars: list[str], ru_pars: Sequence[str], gold: dict, skip: int | None) -> dict | None:
    for k, par in enumerate(en_pars):
        ru_par = _russian_of(par, gold, ru_pars)
        if ru_par is None or k == skip:
            continue
        m = AUXILIARY.search(par)
        if m:
            en_pars[k] = par[: m.end()] + " not" + par[m.end() :]
            head = en_pars[k][max(0, m.start() - 20) : m.end() + 4]
            return _discrepancy("negation", head, ru_par, f"planted: 'not' after '{m.group(1)}'")
    return None


def _discrepancy(kind: str, en_snippet: str, ru_par: str, note: str) -> dict:
    return {"type": kind, "en": en_snippet, "ru": ru_par[:40], "note": note}


def planted_variant(clean: CorpusDocument, folder: Path) -> CorpusDocument | None:
    """The document with a name and a negation planted in its English; None when neither fits."""
    ru_text = Path(clean.source.ru).read_text(encoding="utf-8")
    en_pars = paragraphs(Path(clean.source.en).read_text(encoding="utf-8"))
    ru_pars = paragraphs(ru_text)
    name = plant_name(en_pars, ru_pars, clean.gold)
    named = next((k for k, p in enumerate(en_pars) if PLANTED_NAME in p), None)
    negation = plant_negation(en_pars, ru_pars, clean.gold, skip=named)
    found = [d for d in (name, negation) if d]
    if not found:
        return None
    out = folder / clean.name
    out.mkdir(parents=True, exist_ok=True)
    (out / "ru.txt").write_text(ru_text, encoding="utf-8")
    (out / "en.txt").write_text("\n\n".join(en_pars) + "\n", encoding="utf-8")
    gold = {**clean.gold, "discrepancies": found}
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    name_ = f"{clean.name}~names"
    return CorpusDocument("names", name_, Source(ru=out / "ru.txt", en=out / "en.txt", name=clean.name), gold)
