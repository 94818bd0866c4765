"""Number flags an OCR proposal explains say so, name the proposal, and let "OCR error" accept it."""

from __future__ import annotations

from align.ingest.document import Source
from align.model import Action, FlagKind, Severity, TargetKind, Verdict
from correct.review.decisions import verdict_decisions


def process(workbench, tmp_path, ru: str, en: str):
    (tmp_path / "ru.txt").write_text(ru, encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    return workbench.process(Source(ru=tmp_path / "ru.txt", en=tmp_path / "en.txt", name="doc"))


def number_flag(result, ru_text: str):
    texts = {s.id: s.text for s in result.ru}
    return next(
        f
        for f in result.flags
        if f.kind == FlagKind.NUMBER and any(texts[s.segment][s.start : s.end] == ru_text for s in f.ru_spans)
    )


def test_a_garbled_scale_word_is_probably_ocr_and_names_its_proposal(workbench, tmp_path):
    result = process(
        workbench,
        tmp_path,
        "Бюджет города составил 279,3 млрл рублей, что на треть больше прошлогоднего.\n",
        "The city budget amounted to 279.3 billion roubles, a third more than last year.\n",
    )
    flag = number_flag(result, "279,3")
    proposal = next(p for p in result.proposals if p.original == "млрл")
    assert proposal.suggestion == "млрд"
    assert "probably OCR" in flag.message and "“млрл” → “млрд”" in flag.message
    assert flag.severity == Severity.WARNING
    assert flag.values["proposal"] == [proposal.id]
    # the translator's "OCR error" verdict on the flag accepts the proposal too
    decisions = verdict_decisions("doc", flag, Verdict.OCR_ERROR, "t", proposals=result.proposals)
    assert [(d.target_kind, d.action) for d in decisions] == [
        (TargetKind.FLAG, Action.VERDICT),
        (TargetKind.PROPOSAL, Action.ACCEPT),
    ]
    assert decisions[1].target == proposal.id and decisions[1].new == "млрд"
    other = verdict_decisions("doc", flag, Verdict.TRANSLATION_ERROR, "t", proposals=result.proposals)
    assert [d.target_kind for d in other] == [TargetKind.FLAG]


def test_a_fix_only_the_english_suggests_is_one_explanation_not_the_verdict(workbench, tmp_path):
    result = process(
        workbench,
        tmp_path,
        "По его словам, в плену находятся 70 тыс. китайцев, и их судьба неизвестна.\n",
        "According to him, 20 thous. Chinese are held as prisoners, and their fate is unknown.\n",
    )
    flag = number_flag(result, "70 тыс.")
    assert "the numbers differ" in flag.message and "one explanation is OCR reading 2 as 7" in flag.message
    assert "possibly OCR" in flag.message and "only the English suggests it" in flag.message
    assert "probably OCR" not in flag.message
