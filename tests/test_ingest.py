"""Ingest on the seeds, on documents made by changing a seed, and on plain file pairs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from align.errors import InputError
from align.ingest.document import Source, document_id, ingest
from align.ingest.segment import segment_sentences
from tests.conftest import SEED_FILES, gold_for

PAGE_NUMBER_LIKE = re.compile(r"^[(\[]?\d{1,3}[)\]]?\.?$")


def squeeze(text: str) -> str:
    """Whitespace and markup removed: gold snippets keep `<u>` tags and `*` italics."""
    return re.sub(r"\s+|</?u>|\*", "", text)


def assert_snippet_in_one(snippet: str, texts: list[str]) -> None:
    """A snippet lies inside exactly one paragraph; a snippet spanning a blank line, in consecutive ones."""
    parts = [squeeze(p) for p in re.split(r"\n\s*\n", snippet) if p.strip()]
    hits = [i for i, t in enumerate(texts) if parts[-1] in t]
    if len(parts) > 1:
        hits = [i for i in hits if i > 0 and texts[i - 1].endswith(parts[0])]
    assert len(hits) == 1, f"{snippet!r} found in {len(hits)} paragraphs"


@pytest.fixture(scope="module", params=SEED_FILES, ids=lambda p: p.stem)
def seed(request) -> tuple[Path, tuple]:
    return request.param, ingest(Source(archive=request.param))


def test_gold_snippets_each_in_exactly_one_paragraph(seed):
    path, (doc, ru, en, removed) = seed
    gold = gold_for(path)
    ru_texts = [squeeze(s.text) for s in ru]
    en_texts = [squeeze(s.text) for s in en]
    for link in gold["links"]:
        assert_snippet_in_one(link["en"], en_texts)
        for snippet in link["ru"]:
            assert_snippet_in_one(snippet, ru_texts)
    for snippet in gold["ru_only"]:
        assert_snippet_in_one(snippet, ru_texts)


def test_no_page_number_or_debris_survives(seed):
    path, (doc, ru, en, removed) = seed
    for seg in (*ru, *en):
        assert not PAGE_NUMBER_LIKE.match(seg.text), seg
        script = r"[А-Яа-яЁё]" if seg.lang == "ru" else r"[A-Za-z]"
        has_content = re.search(script, seg.text) or len(re.findall(r"\d", seg.text)) >= 3
        assert has_content or seg.text == "[...]" or re.fullmatch(r"[A-Z]{4,}", seg.text), seg.text
    kinds = {r.kind for r in removed}
    assert "page_number" in kinds
    debris_texts = {r.text.strip() for r in removed if r.kind in ("page_number", "debris", "foreign_script")}
    assert not debris_texts & {s.text for s in (*ru, *en)}


def test_known_scan_debris_of_seed_000_is_removed():
    path = next(p for p in SEED_FILES if p.stem.startswith("000"))
    doc, ru, en, removed = ingest(Source(archive=path))
    dropped = {r.text.strip("* ") for r in removed}
    for junk in ("13.", "63", "됞.", "₻.", "❽", "戏.", "(3)", "Man and the second seco"):
        assert junk in dropped, junk


def test_page_breaks_and_hyphens_rejoined():
    path = next(p for p in SEED_FILES if p.stem.startswith("000"))
    doc, ru, en, removed = ingest(Source(archive=path))
    text = "\n".join(s.text for s in ru)
    assert "о покрытии разницы между поставками товаров" in text
    assert "не хотят это сделать и в то же время" in text
    assert "ремесленные училища. Корошо" in text
    assert "Нужно иметь терпение" in text


def test_provenance_maps_back_to_raw(seed):
    path, (doc, ru, en, removed) = seed
    raw = path.read_text(encoding="utf-8")
    for seg in (*ru, *en):
        assert seg.id == f"{doc.id}/{seg.lang}@{seg.start}"
        assert seg.source_map, seg.id
        for t0, r0, n in seg.source_map:
            assert seg.text[t0 : t0 + n] == raw[r0 : r0 + n]
            assert seg.raw_offset(t0 + n - 1) == r0 + n - 1
        assert seg.start <= seg.source_map[0][1] and seg.source_map[-1][1] + seg.source_map[-1][2] <= seg.end
    for r in removed:
        assert raw[r.start : r.end] == r.text


def test_speaker_kept_as_field_and_markup_stripped():
    path = next(p for p in SEED_FILES if p.stem.startswith("000"))
    doc, ru, en, removed = ingest(Source(archive=path))
    speakers = [s for s in ru if s.speaker]
    assert len(speakers) > 50
    assert all("<u>" not in s.text and "**" not in s.text for s in (*ru, *en))
    first = next(s for s in ru if s.speaker == "Чжоу Энь-лай")
    assert first.text.startswith("Чжоу Энь-лай ")


def test_metadata_header_parsed():
    path = next(p for p in SEED_FILES if p.stem.startswith("002"))
    doc, ru, en, removed = ingest(Source(archive=path))
    assert doc.metadata["date"] == "October 7, 1950"
    assert "Ciphered Telegram" in doc.metadata["title"]
    assert doc.metadata["original_language"] == "Russian"
    assert "Roshchin" in doc.metadata["summary"]
    assert not any("Citation" in s.text or "Wilson Center" in s.text for s in en)


def test_sentences_handle_russian_abbreviations():
    path = next(p for p in SEED_FILES if p.stem.startswith("000"))
    doc, ru, en, removed = ingest(Source(archive=path))
    ru = segment_sentences(ru)
    sentences = [s.text for seg in ru for s in seg.sentences]
    assert any(s.startswith("С советской стороны т.т.Молотов, Вышинский") for s in sentences)
    assert any("1,5 млн. членов партии" in s and "6 млн." in s for s in sentences)
    assert any("СТАЛИНА И.В. С ЧЕОУ" in s for s in sentences)
    for seg in ru:
        for s in seg.sentences:
            assert seg.text[s.start : s.end] == s.text and s.id == f"{seg.id}.{s.start}"


# --- documents the tests make by changing a seed -------------------------------------------------


def _texts(path: Path, **kw) -> tuple[list[str], list[str]]:
    doc, ru, en, removed = ingest(Source(archive=path, **kw))
    return [s.text for s in ru], [s.text for s in en]


@pytest.fixture(scope="module")
def seed000() -> Path:
    return next(p for p in SEED_FILES if p.stem.startswith("000"))


def test_other_header_wording(tmp_path, seed000):
    raw = seed000.read_text(encoding="utf-8")
    changed = (
        raw.replace("#### Citation:", "Reference:")
        .replace("## **Summary:**", "**Abstract:**")
        .replace("# **Original Language:**", "Language of the original:")
        .replace("### **Contents:**", "Files:")
    )
    assert changed != raw
    path = tmp_path / "other_header.txt"
    path.write_text(changed, encoding="utf-8")
    assert _texts(path) == _texts(seed000)
    doc, *_ = ingest(Source(archive=path))
    assert "abstract" in doc.metadata and "reference" in doc.metadata


def test_other_page_numbers_and_debris(tmp_path, seed000):
    raw = seed000.read_text(encoding="utf-8")
    changed = re.sub(r"\n\n(\d{1,2})\.?\n\n", lambda m: f"\n\n- {int(m.group(1)) + 40} -\n\n", raw)
    changed = changed.replace("\n\n됞.\n\n", "\n\n§ ¤\n\n").replace("\n\n❽\n\n", "\n\n(17)\n\n")
    changed = changed.replace("\n\n11.\n\n", "\n\n☒ 7\n\n")
    assert changed != raw
    path = tmp_path / "other_debris.txt"
    path.write_text(changed, encoding="utf-8")
    ru, en = _texts(path)
    ref_ru, ref_en = _texts(seed000)
    assert en == ref_en
    assert "о покрытии разницы между поставками товаров" in "\n".join(ru)
    assert not any(t in ("§ ¤", "(17)", "☒ 7") or re.fullmatch(r"- \d+ -", t) for t in ru)


def test_translation_with_its_own_heading(tmp_path, seed000):
    raw = seed000.read_text(encoding="utf-8")
    marker = "[Classification level blacked out"
    changed = raw.replace(marker, "## English Translation\n\n" + marker, 1)
    path = tmp_path / "heading.txt"
    path.write_text(changed, encoding="utf-8")
    ru, en = _texts(path)
    assert en == _texts(seed000)[1]
    assert ru == _texts(seed000)[0]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-8-sig"])
def test_encodings_and_crlf(tmp_path, encoding):
    seed = next(p for p in SEED_FILES if p.stem.startswith("002"))
    raw = seed.read_text(encoding="utf-8")
    # Characters that cp1251/KOI8-R cannot hold are not part of the test.
    raw = raw.encode(encoding, errors="ignore").decode(encoding)
    path = tmp_path / f"doc_{encoding}.txt"
    path.write_bytes(raw.replace("\n", "\r\n").encode(encoding))
    doc, ru, en, removed = ingest(Source(archive=path))
    ref_path = tmp_path / "ref.txt"
    ref_path.write_text(raw, encoding="utf-8")
    _, ref_ru, ref_en, _ = ingest(Source(archive=ref_path))
    assert [s.text for s in ru] == [s.text for s in ref_ru]
    assert [s.text for s in en] == [s.text for s in ref_en]
    assert all("\r" not in s.text for s in (*ru, *en))
    assert (
        doc.encoding[str(path)]
        .replace("_", "")
        .replace("-", "")
        .lower()
        .startswith({"cp1251": "cp1251", "koi8_r": "koi8r", "utf-8-sig": "utf8"}[encoding])
    )


def test_plain_file_pair(tmp_path, seed000):
    doc, ru, en, removed = ingest(Source(archive=seed000))
    raw = seed000.read_text(encoding="utf-8")
    ru_file, en_file = tmp_path / "talk.ru.txt", tmp_path / "talk.en.txt"
    ru_file.write_text(raw[ru[0].start : ru[-1].end], encoding="utf-8")
    en_file.write_text(raw[en[0].start : en[-1].end], encoding="utf-8")
    pdoc, pru, pen, _ = ingest(Source(ru=ru_file, en=en_file))
    assert pdoc.id == "talk"
    assert [s.text for s in pru] == [s.text for s in ru]
    assert [s.text for s in pen] == [s.text for s in en]
    assert pru[0].start == 0 and pdoc.source == {"ru": str(ru_file), "en": str(en_file)}


def test_ingest_names_documents_by_the_one_document_id_rule(tmp_path, seed000):
    """The ids ingest gives are the ones a batch files results under (document_id): name, else stem."""
    raw = seed000.read_text(encoding="utf-8")
    _, ru, en, _ = ingest(Source(archive=seed000))
    ru_file, en_file = tmp_path / "talk.RUS.txt", tmp_path / "talk.en.txt"
    ru_file.write_text(raw[ru[0].start : ru[-1].end], encoding="utf-8")
    en_file.write_text(raw[en[0].start : en[-1].end], encoding="utf-8")
    sources = [
        Source(archive=seed000),
        Source(archive=seed000, name="given"),
        Source(ru=ru_file, en=en_file),
        Source(ru=ru_file, en=en_file, name="given"),
    ]
    ids = [document_id(source) for source in sources]
    assert ids == [seed000.stem, "given", "talk", "given"]
    for source, doc_id in zip(sources, ids, strict=True):
        doc, segs, _, _ = ingest(source)
        assert doc.id == doc_id and segs[0].id.startswith(f"{doc_id}/ru@")
    with pytest.raises(InputError, match="Russian file"):
        document_id(Source(en=en_file))


# --- bad input ----------------------------------------------------------------------------------


def test_bad_inputs_raise_input_error(tmp_path, seed000):
    raw = seed000.read_text(encoding="utf-8")
    doc, ru, en, _ = ingest(Source(archive=seed000))
    cases = {
        "missing.txt": None,
        "empty.txt": b"   \n\n",
        "binary.txt": bytes(range(256)) * 40,
        "russian_only.txt": raw[: en[0].start].encode(),
        "english_only.txt": (raw[:800] + raw[en[0].start :]).encode(),
    }
    expected = {
        "missing.txt": "no such file",
        "empty.txt": "empty",
        "binary.txt": "binary",
        "russian_only.txt": "no English part",
        "english_only.txt": "no Russian part",
    }
    for name, data in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(InputError, match=expected[name]) as info:
            ingest(Source(archive=path))
        assert str(path) in str(info.value)


def test_sheet_continuation_rejoined_across_running_header():
    """Seed 002: "(см. сл. лист)", then the next sheet's header, then the paragraph goes on."""
    path = next(p for p in SEED_FILES if p.stem.startswith("002"))
    doc, ru, en, removed = ingest(Source(archive=path))
    text = "\n".join(s.text for s in ru)
    assert "двойное превосходство в техническом отношении." in text  # repeated "ходство" dropped
    assert "материального обеспечения для армии" in text  # hyphen across the sheet break
    assert {"continuation_marker", "catchword"} <= {r.kind for r in removed}
    assert "Продолжение шифртелеграммы № 25848" in text  # the running header stays, for the audit
