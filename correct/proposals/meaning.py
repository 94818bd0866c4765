"""Evidence from the translation's meaning: does a fix bring the word nearer to what the English says?

A lexicon knows that "люди" and "леди" are both words; the English sentence "people say..." knows
which one the typescript meant. The multilingual encoder that aligned the document embeds the OCR
word, its fix and the English of the sentence link the word stands in. The evidence is how much
nearer the fix is to that English than the OCR word is:

    shift = clip(SCALE * (cos(E(fix), E(english)) - cos(E(ocr), E(english))), -CLIP, CLIP)

It is one of the confidence model's features (``meaning`` in :mod:`correct.proposals.evidence`):
measured on the scanned corpus, leave one document out, it lifts the area under the ROC curve of
the confidence from 0.80 to 0.84 (docs/ocr-proposals.md, "Evidence from the meaning"). The word
alone was compared with the English sentence: the whole Russian sentence with and without the fix
ranked no better and costs a sentence per proposal. The fitted weight belongs to the encoder it was
fitted with (USE-multilingual), so another encoder gives no meaning evidence (the pipeline passes
none).

Pure: the encoder comes in as a function from texts to L2-normalised rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from align.model import Link, Proposal, Segment

MEANING_ENCODER = "use"  # the encoder (PipelineConfig.encoder) the meaning evidence was fitted with
Encode = Callable[[Sequence[str]], np.ndarray]  # texts -> L2-normalised rows

# Fixed before the fit, not fitted: a cosine moves by hundredths for one word, so 10 brings the shift to
# about the others' 0..1 scale, and the clip at 2 (a move of 0.2) keeps a few extreme words from setting
# the weight (cross-validated log loss 0.4331 without the clip, 0.4287 with it).
SCALE = 10.0
CLIP = 2.0
# A shift from which the reasons tell the editor that the English's meaning supports the fix (or speaks
# against it): a fifth of the clip, a cosine move of 0.04 (on scanned/ right fixes average 0.68 scaled,
# wrong ones 0.04).
TOLD_FROM = 0.4
SUPPORTS = "meaning: the fix is nearer than the OCR word to what the aligned English sentence says"
OPPOSES = "meaning: the OCR word is nearer than the fix to what the aligned English sentence says"
# The English of a sentence link, or of the linked paragraphs where the sentence has no link: above this
# length the word's likeness to it says little, and embedding it costs more than the proposals'.
MAX_ENGLISH_CHARS = 5000


def meaning_shifts(
    proposals: Sequence[Proposal],
    ru: Sequence[Segment],
    en: Sequence[Segment],
    links: Sequence[Link],
    encode: Encode,
) -> list[float | None]:
    """The ``shift`` of each proposal (None where no English is linked to its sentence or paragraph)."""
    contexts = EnglishContexts(ru, en, links)
    english = [contexts.of(p) for p in proposals]
    texts = list(dict.fromkeys(_texts(proposals, english)))
    if not texts:
        return [None] * len(proposals)
    row = {t: k for k, t in enumerate(texts)}
    vectors = encode(texts)
    out: list[float | None] = []
    for p, text in zip(proposals, english, strict=True):
        if not text or not p.original.strip() or not p.suggestion.strip():
            out.append(None)
            continue
        target = vectors[row[text]]
        gain = float(vectors[row[p.suggestion]] @ target - vectors[row[p.original]] @ target)
        out.append(max(-CLIP, min(CLIP, SCALE * gain)))
    return out


def meaning_reason(shift: float | None) -> str | None:
    """What the editor is told of a ``shift``: support, opposition, or nothing (small or unknown)."""
    if shift is None or abs(shift) < TOLD_FROM:
        return None
    return SUPPORTS if shift > 0 else OPPOSES


def _texts(proposals: Sequence[Proposal], english: Sequence[str | None]) -> Iterable[str]:
    for p, text in zip(proposals, english, strict=True):
        if text and p.original.strip() and p.suggestion.strip():
            yield from (text, p.original, p.suggestion)


class EnglishContexts:
    """The English a Russian span is compared with: its sentence link's, else its linked paragraphs'.

    Built from the links of the proposals' segments only, on demand: a huge document's every
    sentence is never indexed for the few it has proposals in.
    """

    def __init__(self, ru: Sequence[Segment], en: Sequence[Segment], links: Sequence[Link]) -> None:
        self._ru = {seg.id: seg for seg in ru}
        self._en = {seg.id: seg for seg in en}
        self._link = {r: link for link in links if link.en for r in link.ru}
        # per segment: its sentence ids -> the English sentence ids they are linked to
        self._sentence_english: dict[str, dict[str, tuple[str, ...]]] = {}
        self._en_sentences: dict[str, dict[str, str]] = {}  # per English segment: sentence id -> text

    def of(self, proposal: Proposal) -> str | None:
        """The English text for the proposal's span, None where there is none (or it is too long)."""
        link = self._link.get(proposal.segment)
        seg = self._ru.get(proposal.segment)
        if link is None or seg is None:
            return None
        sentence = _sentence_at(seg, proposal.start)
        en_ids = self._sentences(proposal.segment, link).get(sentence, ()) if sentence else ()
        if en_ids:
            text = " ".join(self._en_sentence(i) for i in en_ids)
        else:
            text = " ".join(self._en[i].text for i in link.en if i in self._en)
        return text if 0 < len(text) <= MAX_ENGLISH_CHARS else None

    def _sentences(self, segment: str, link: Link) -> dict[str, tuple[str, ...]]:
        if segment not in self._sentence_english:
            self._sentence_english[segment] = {r: s.en for s in link.sentences if s.en for r in s.ru}
        return self._sentence_english[segment]

    def _en_sentence(self, sentence_id: str) -> str:
        segment_id = sentence_id.rpartition(".")[0]  # sentence ids are "<segment id>.<start>"
        if segment_id not in self._en_sentences:
            segment = self._en.get(segment_id)
            self._en_sentences[segment_id] = {s.id: s.text for s in segment.sentences} if segment else {}
        return self._en_sentences[segment_id].get(sentence_id, "")


def _sentence_at(seg: Segment, offset: int) -> str | None:
    """The id of the segment's sentence holding ``offset``, None outside every sentence."""
    k = bisect_right(seg.sentences, offset, key=lambda s: s.start) - 1
    if k >= 0 and offset < seg.sentences[k].end:
        return seg.sentences[k].id
    return None
