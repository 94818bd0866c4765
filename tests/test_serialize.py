"""Result JSON round trip and its error messages."""

from __future__ import annotations

import json

import pytest

from align.errors import InputError
from align.ingest.document import Source, ingest
from align.model import Flag, Link, Notice, NoticeKind, Proposal, Result, SentenceLink, Span
from align.serialize import read_result, result_from_dict, result_to_dict, write_result
from tests.conftest import SEED_FILES


def test_round_trip_keeps_every_record(tmp_path):
    doc, ru, en, removed = ingest(Source(archive=SEED_FILES[-1]))
    link = Link(ru=(ru[0].id,), en=(en[0].id,), score=0.8, sentences=(SentenceLink((), (), 0.1),))
    flag = Flag(
        "f1",
        "number",
        "error",
        (ru[0].id,),
        (en[0].id,),
        "70 vs 20",
        (Span(ru[0].id, 0, 2),),
        (),
        {"ru": [70]},
    )
    prop = Proposal("p1", ru[0].id, 0, 3, "abc", "abd", ("abe",), 0.9, ("reason",), "test.v1")
    notice = Notice(NoticeKind.PARTIAL_TRANSLATION, "much of the English", {"en_unmatched_share": 0.6})
    result = Result(doc, ru, en, removed, (link,), (flag,), (prop,), {"encoder": "use"}, (notice,))
    path = write_result(result, tmp_path / "deep" / "r.json")
    assert read_result(path) == result
    assert read_result(path).notices[0].kind is NoticeKind.PARTIAL_TRANSLATION
    assert list(result_to_dict(result))[:8] == [
        "schema", "document", "ru", "en", "removed", "alignment", "flags", "proposals"
    ]  # fmt: skip
    assert not list(path.parent.glob("*.tmp"))


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        ("{not json", "not a JSON"),
        ('{"schema": "other/1"}', "not a workbench result"),
    ],
)
def test_bad_result_files(tmp_path, content, message):
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError, match=message):
        read_result(path)


def test_malformed_result_is_an_input_error(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"schema": "workbench.result/1", "document": {"id": "x"}}))
    with pytest.raises(InputError, match="malformed"):
        read_result(path)


def test_a_result_written_before_notices_existed_still_loads(tmp_path):
    doc, ru, en, removed = ingest(Source(archive=SEED_FILES[-1]))
    data = json.loads(json.dumps(result_to_dict(Result(doc, ru, en, removed))))
    assert data.pop("notices") == []
    assert result_from_dict(data) == Result(doc, ru, en, removed)


def test_sentences_are_written_once_and_read_back_whole(tmp_path):
    """The file holds each text once (a sentence is its offsets), one record per line, and a file
    written with sentence texts (before) still loads to the same result."""
    from align.ingest.segment import segment_sentences

    doc, ru, en, removed = ingest(Source(archive=SEED_FILES[-1]))
    result = Result(doc, segment_sentences(ru), segment_sentences(en), removed, (), (), (), {})
    path = write_result(result, tmp_path / "r.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(result_to_dict(result)))
    assert all("text" not in s for seg in data["ru"] + data["en"] for s in seg["sentences"])
    assert sum(len(seg["sentences"]) for seg in data["ru"]) > len(ru)
    assert read_result(path) == result
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= len(ru) + len(en) and lines[0] == "{" and lines[-1] == "}"
    for seg in data["ru"] + data["en"]:
        for s in seg["sentences"]:
            s["text"] = seg["text"][s["start"] : s["end"]]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    assert read_result(older) == result
