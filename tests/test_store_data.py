"""A tiny hand-made processing result for the store and app tests: three paragraph pairs, one with
"70 тыс." against "20 thous.", three OCR proposals and two flags. Built from the dataclasses so the
store tests do not depend on the pipeline; the seeds' real results are used where they matter."""

from __future__ import annotations

from dataclasses import replace

from align.model import Document, Flag, Link, Proposal, Result, Segment, Span

DOC = "tiny"

RU = (
    "Товарищ Сталин спрашивает, сколько войск у противника.",
    "Чжоу Энь-лай отвечает, что около 70 тыс. человек, но точяых данных нет.",
    "Сталин говорит, что <script>alert(1)</script> это нзвестно.",
)
EN = (
    "Comrade Stalin asks how many troops the enemy has.",
    "Zhou Enlai answers that about 20 thous. men, but there are no exact data.",
    "Stalin says that this is known.",
)


def _segments(lang: str, texts: tuple[str, ...], start: int = 0) -> tuple[Segment, ...]:
    out, offset = [], start if lang == "ru" else 1000 + start
    for text in texts:
        out.append(
            Segment(id=f"{DOC}/{lang}@{offset}", lang=lang, text=text, start=offset, end=offset + len(text))
        )
        offset += len(text) + 2
    return tuple(out)


def proposal(seg: Segment, original: str, suggestion: str, confidence: float, nth: int = 0) -> Proposal:
    """A proposal replacing the first (or ``nth`` + 1-th) occurrence of ``original`` in the segment."""
    start = seg.text.index(original) if not nth else seg.text.index(original, seg.text.index(original) + 1)
    return Proposal(
        id=f"{seg.id}:{start}:{original}",
        segment=seg.id,
        start=start,
        end=start + len(original),
        original=original,
        suggestion=suggestion,
        confidence=confidence,
        reasons=("test",),
        producer="test.v1",
    )


def tiny_result(ru_texts: tuple[str, ...] = RU, shift: int = 0) -> Result:
    """The three-paragraph document, aligned 1-1 throughout.

    ``ru_texts``: the Russian as edited in the source; ``shift``: characters added before the
    text (a longer header), which moves every offset and so every id.
    """
    ru, en = _segments("ru", ru_texts, shift), _segments("en", EN, shift)
    links = tuple(
        Link(ru=(r.id,), en=(e.id,), score=0.9 - 0.1 * i) for i, (r, e) in enumerate(zip(ru, en, strict=True))
    )
    i70 = ru[1].text.index("70")
    i20 = en[1].text.index("20")
    flags = (
        Flag(
            id=f"{DOC}/flag/number/70-20",
            kind="number",
            severity="error",
            ru=(ru[1].id,),
            en=(en[1].id,),
            message="70 thousand in the Russian, 20 thousand in the English",
            ru_spans=(Span(ru[1].id, i70, i70 + 7),),
            en_spans=(Span(en[1].id, i20, i20 + 10),),
            values={"ru": [70000], "en": [20000]},
            producer="numbers.v1",
        ),
        Flag(
            id=f"{DOC}/flag/weak_match/2",
            kind="weak_match",
            severity="warning",
            ru=(ru[2].id,),
            en=(en[2].id,),
            message="low alignment score",
            producer="weak.v1",
        ),
    )
    wanted = (
        (ru[1], "точяых", "точных", 0.95),
        (ru[2], "нзвестно", "известно", 0.9),
        (ru[1], "около", "около", 0.3),
    )
    proposals = tuple(proposal(*args) for args in wanted if args[1] in args[0].text)
    return Result(
        document=Document(
            id=DOC, source={"ru": "tiny.txt", "en": "tiny.txt"}, metadata={"title": "Tiny <b>doc</b>"}
        ),
        ru=ru,
        en=en,
        alignment=links,
        flags=flags,
        proposals=proposals,
    )


def reprocessed(result: Result) -> Result:
    """The same document after re-processing: the first proposal and the weak-match flag are gone."""
    return replace(result, proposals=result.proposals[1:], flags=result.flags[:1])
