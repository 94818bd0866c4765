"""The ignore list: a "not an issue" verdict lasts by fingerprint, across re-imports and documents,
and reopens when the flagged text changes."""

from __future__ import annotations

from dataclasses import replace

from click.testing import CliRunner

from align.audit.fingerprint import flag_fingerprint
from align.model import Action, Document, Segment, Verdict
from correct.review.decisions import undo_decision, verdict_decision
from correct.review.store import Store
from tests.test_store_data import tiny_result
from ui.cli import cli

NUMBER_FLAG = "tiny/flag/number/70-20"


def other_document(doc: str = "other"):
    """The tiny document under another id, its segments renamed: the same 70 / 20 pattern elsewhere."""
    result = tiny_result()

    def rename(seg: Segment) -> Segment:
        return replace(seg, id=seg.id.replace("tiny/", f"{doc}/"))

    def renamed(ids):
        return tuple(i.replace("tiny/", f"{doc}/") for i in ids)

    flags = tuple(
        replace(
            f,
            id=f.id.replace("tiny/", f"{doc}/"),
            ru=renamed(f.ru),
            en=renamed(f.en),
            ru_spans=tuple(replace(s, segment=s.segment.replace("tiny/", f"{doc}/")) for s in f.ru_spans),
            en_spans=tuple(replace(s, segment=s.segment.replace("tiny/", f"{doc}/")) for s in f.en_spans),
        )
        for f in result.flags
    )
    links = tuple(replace(x, ru=renamed(x.ru), en=renamed(x.en)) for x in result.alignment)
    return replace(
        result,
        document=Document(id=doc, source={"ru": "o.txt", "en": "o.txt"}),
        ru=tuple(rename(s) for s in result.ru),
        en=tuple(rename(s) for s in result.en),
        alignment=links,
        flags=flags,
        proposals=(),
    )


def verdict_of(store: Store, doc: str, flag_id: str):
    return store.review(doc).flags[flag_id]


def not_an_issue(store: Store, doc: str = "tiny", flag_id: str = NUMBER_FLAG):
    flag = next(f for f in store.result(doc).flags if f.id == flag_id)
    return store.decide([verdict_decision(doc, flag, Verdict.NOT_AN_ISSUE, "ann")])


def test_the_fingerprint_ignores_offsets_and_explanations_but_not_the_text():
    result = tiny_result()
    texts = {s.id: s.text for s in (*result.ru, *result.en)}
    flag = result.flags[0]
    moved = {k.replace("tiny/", "x/"): v for k, v in texts.items()}
    other = other_document("x").flags[0]
    assert flag_fingerprint(flag, texts) == flag_fingerprint(other, moved)
    explained = replace(flag, values={**flag.values, "proposal": ["p1"]})
    assert flag_fingerprint(explained, texts) == flag_fingerprint(flag, texts)
    changed = dict(texts)
    seg = flag.ru_spans[0].segment
    changed[seg] = changed[seg].replace("70 тыс.", "70 тыс,")
    assert flag_fingerprint(flag, changed) != flag_fingerprint(flag, texts)


def test_a_verdict_survives_a_reimport_and_quiets_the_same_pattern_elsewhere(tmp_path):
    store = Store(tmp_path / "review.db", create=True)
    store.import_result(tiny_result())
    not_an_issue(store)
    again = store.import_result(tiny_result())  # a later run of the same document
    assert again.quieted == 0 and again.reopened == 0  # its verdict is still there, nothing to add
    assert verdict_of(store, "tiny", NUMBER_FLAG).verdict == Verdict.NOT_AN_ISSUE
    report = store.import_result(other_document())
    assert report.quieted == 1
    state = verdict_of(store, "other", "other/flag/number/70-20")
    assert state.verdict == Verdict.NOT_AN_ISSUE and state.reviewer == "ignore-list"
    assert verdict_of(store, "other", "other/flag/weak_match/2").verdict is None  # not listed


def test_changed_text_reopens_and_another_verdict_or_undo_unlists(tmp_path):
    store = Store(tmp_path / "review.db", create=True)
    store.import_result(tiny_result())
    not_an_issue(store)
    result = tiny_result()
    seg = result.flags[0].ru_spans[0].segment
    edited = replace(
        result,
        ru=tuple(
            replace(s, text=s.text.replace("70 тыс.", "70 тыс,")) if s.id == seg else s for s in result.ru
        ),
    )
    report = store.import_result(edited)  # the same flag id, but its text changed: judge it again
    assert report.reopened == 1
    assert verdict_of(store, "tiny", NUMBER_FLAG).verdict is None
    assert store.import_result(other_document()).quieted == 0  # and the pattern is no longer listed
    # a verdict, then undone: unlisted again
    store.import_result(tiny_result())
    (logged,) = not_an_issue(store)
    store.decide([undo_decision(logged, "ann")])
    assert store.import_result(other_document("third")).quieted == 0
    # not an issue, then translation error: unlisted
    (first,) = not_an_issue(store)
    flag = store.result("tiny").flags[0]
    store.decide([verdict_decision("tiny", flag, Verdict.TRANSLATION_ERROR, "ann", previous=first.new)])
    assert store.import_result(other_document("fourth")).quieted == 0
    assert [d.action for d in store.decisions("fourth")] == []
    assert Action.VERDICT in {d.action for d in store.decisions("tiny")}


def test_workbench_import_reports_the_ignore_list(tmp_path):
    from align.serialize import write_result

    db = tmp_path / "review.db"
    store = Store(db, create=True)
    store.import_result(tiny_result())
    not_an_issue(store)
    path = write_result(other_document(), tmp_path / "other.json")
    run = CliRunner().invoke(cli, ["import", str(path), "--db", str(db)])
    assert run.exit_code == 0, run.output
    assert "ignore list: 1 flag(s) judged not an issue elsewhere" in run.output
