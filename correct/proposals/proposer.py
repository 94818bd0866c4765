"""Proposals for the tokens of a segment: detect suspects, gather candidates, rank, keep the confident.

Pure: takes the document's resources as values (:mod:`correct.proposals.document_proposals` builds
them once per document).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from align.model import Proposal, Segment, proposal_id
from correct.proposals.candidates import (
    capital_candidates,
    document_candidates,
    english_candidates,
    english_supports,
    lexicon_candidates,
    lookalike_candidates,
    split_candidates,
)
from correct.proposals.case_errors import case_candidate, opens_paragraph
from correct.proposals.confusions import keep_yo
from correct.proposals.context import capital_misfit, grammar_fit, lemmas, neighbours
from correct.proposals.detect import (
    Suspect,
    SuspectKind,
    broken_pairs,
    letter_spaced,
    stray_symbols,
    token_kind,
)
from correct.proposals.english_evidence import EnglishEvidence
from correct.proposals.english_windows import SegmentEnglish, TokenEnglish
from correct.proposals.evidence import engine_confidence, evidence, word_boxes
from correct.proposals.grammar_errors import (
    agreement_candidates,
    governors,
    preposition_candidates,
    pronoun_candidates,
)
from correct.proposals.latin_evidence import latin_candidates
from correct.proposals.number_evidence import english_only_cap, number_candidates
from correct.proposals.ranking import Candidate, CandidateSource, confidence, rank
from correct.proposals.reasons import KIND_REASONS, reasons
from correct.proposals.settings import DocumentResources
from correct.proposals.short_confusions import confused_candidates, lone_marks
from correct.proposals.tokens import Token, normalise

PRODUCER = (
    "ocr_proposals.v3"  # v2: grammatical context (context.py, grammar_errors.py); v3: fitted confidence
)

Scored = tuple[Proposal, tuple[float, ...]]  # a proposal with the evidence its confidence came from


def segment_found(
    seg: Segment,
    tokens: tuple[Token, ...],
    linked: SegmentEnglish | None,
    res: DocumentResources,
    span: tuple[int, int] | None = None,
) -> list[Scored]:
    """Every proposal of a segment's tokens ``span`` (default: all), overlaps included, in the order
    one pass finds them; the layout proposals of the whole segment go with the span that starts it.

    ``linked`` is what its linked English says, if any (the whole linked English, or in a huge pair
    the window around each token: english_windows.py). :func:`correct.proposals.overlap.non_overlapping`
    then keeps the more confident of overlapping proposals.
    """
    lo, hi = span if span is not None else (0, len(tokens))
    found = _layout_proposals(seg, tokens, res) if lo == 0 else []
    at_window = TokenEnglish(tokens, linked)
    for i in range(lo, hi):
        tok = tokens[i]
        english, numbers = at_window(tok)
        kind = token_kind(tok, seg.text, res.lexicon, res.vocab, res.settings.vocabulary)
        capital = capital_candidates(tok, res.lexicon, res.vocab, res.settings.vocabulary.min_count)
        if capital:
            found.extend(_proposals(seg, Suspect(SuspectKind.CAPITAL, (tok,)), capital, res))
            continue
        if kind is None:
            found.extend(
                _grammar_proposals(seg, tokens, i, res)
                or _confused_proposals(seg, tokens, i, res)
                or _case_proposals(seg, tokens, i, res)
            )
        if kind is None or (kind != SuspectKind.NUMBER and english_supports(tok, english)):
            continue
        cands = _candidates(kind, tok, english, numbers, res)
        start = _sentence_start(seg.text, tok)
        if start and _takes_capital(seg, tok, kind, res):
            cands = [replace(c, text=c.text[:1].upper() + c.text[1:]) for c in cands]
        name_like = tok.is_capitalised and not res.lexicon.is_known(tok.norm) and not start
        cands = _in_context(cands, seg.text, tokens, i, res, start=start)
        found.extend(_proposals(seg, Suspect(kind, (tok,)), cands, res, name_like=name_like))
    return found


def _layout_proposals(seg: Segment, tokens: tuple[Token, ...], res: DocumentResources) -> list[Scored]:
    """Words broken by a space or hyphen, letter-spaced words and stray marks."""
    found: list[Scored] = []
    for suspect, joined in broken_pairs(seg.text, tokens, res.lexicon):
        cand = Candidate(
            joined,
            1,
            zipf=res.lexicon.zipf(joined.lower()),
            sources=frozenset({CandidateSource.JOIN}),
            note="a word broken by a space or hyphen",
        )
        found.extend(_proposals(seg, suspect, [cand], res))
    for start, end, joined in letter_spaced(seg.text):
        spaced = Suspect(SuspectKind.SPACED, (Token(start, end, seg.text[start:end]),))
        known = res.lexicon.is_known(joined.lower(), capitalised=True)
        cand = Candidate(
            joined,
            0 if known else 1,
            sources=frozenset({CandidateSource.JOIN}),
            note="letter-spaced word joined",
        )
        found.extend(_proposals(seg, spaced, [cand], res))
    for mark in lone_marks(seg.text, res.substitutions):
        cands = confused_candidates(mark, res.lexicon, res.substitutions)
        local, at = _with_mark(tokens, mark)  # its neighbours choose: "© прошедшем" is о, "© нами" с
        cands = _in_context(cands, seg.text, local, at, res, start=_sentence_start(seg.text, mark))
        found.extend(_proposals(seg, Suspect(SuspectKind.CONFUSED, (mark,)), cands, res))
    for start, end in stray_symbols(seg.text):
        stray = Suspect(SuspectKind.STRAY, (Token(start, end, seg.text[start:end]),))
        cand = Candidate(
            "", 0, sources=frozenset({CandidateSource.DELETE}), note="a mark no typescript has (scan noise)"
        )
        found.extend(_proposals(seg, stray, [cand], res))
    return found


def _with_mark(tokens: tuple[Token, ...], mark: Token) -> tuple[tuple[Token, ...], int]:
    """The mark between the word tokens either side of it, and its index there (marks are no word tokens)."""
    k = bisect_left(tokens, mark.start, key=lambda t: t.start)
    before = tokens[k - 1 : k] if k else ()
    return (*before, mark, *tokens[k : k + 1]), len(before)


def _grammar_proposals(
    seg: Segment, tokens: tuple[Token, ...], i: int, res: DocumentResources
) -> list[Scored]:
    """Real-word errors grammar exposes (grammar_errors.py): a wrong form, a garbled pronoun."""
    tok, lexicon = tokens[i], res.lexicon
    cands = pronoun_candidates(tok, seg.text, tokens, i, lexicon)
    kind = SuspectKind.PRONOUN
    if not cands:
        cands, kind = preposition_candidates(tok, seg.text, tokens, i, lexicon), SuspectKind.PREPOSITION
    if not cands and (not tok.is_capitalised or _sentence_start(seg.text, tok)):  # names may not decline
        cands = agreement_candidates(tok, governors(seg.text, tokens, i, lexicon), lexicon, res.vocab)
        kind = SuspectKind.AGREEMENT
    if not cands:
        return []
    return _proposals(seg, Suspect(kind, (tok,)), cands, res)


def _confused_proposals(
    seg: Segment, tokens: tuple[Token, ...], i: int, res: DocumentResources
) -> list[Scored]:
    """A short known word that a frequent misreading makes of a far commoner one ("ма" for "на")."""
    cands = confused_candidates(tokens[i], res.lexicon, res.substitutions)
    if not cands:
        return []
    cands = _in_context(cands, seg.text, tokens, i, res, start=_sentence_start(seg.text, tokens[i]))
    return _proposals(seg, Suspect(SuspectKind.CONFUSED, (tokens[i],)), cands, res)


def _case_proposals(seg: Segment, tokens: tuple[Token, ...], i: int, res: DocumentResources) -> list[Scored]:
    """A known word in the wrong case for its place (case_errors.py)."""
    cand = case_candidate(tokens[i], seg.text, tokens, i, res.lexicon, continued=seg.id in res.continued)
    return _proposals(seg, Suspect(SuspectKind.CASE, (tokens[i],)), [cand], res) if cand else []


def _in_context(
    cands: list[Candidate],
    text: str,
    tokens: tuple[Token, ...],
    i: int,
    res: DocumentResources,
    *,
    start: bool,
) -> list[Candidate]:
    """Candidates for token ``i`` with their fit to the neighbouring words and to the token's capitals,
    and their lemmas; ``start``: the token opens a sentence."""
    around = neighbours(text, tokens, i, i, res.lexicon)
    out = []
    for c in cands:
        usual = res.vocab.spelling.get(normalise(c.text))
        misfit = capital_misfit(tokens[i].text, c.text, start, res.lexicon, usual)
        fit = -1.0 if misfit else grammar_fit(c.text, around, res.lexicon)
        out.append(replace(c, fit=fit, lemmas=lemmas(c.text, res.lexicon)))
    return out


def _candidates(
    kind: SuspectKind, tok: Token, evidence: EnglishEvidence | None, numbers: set[str], res: DocumentResources
) -> list[Candidate]:
    """The candidate fixes of a token suspect of this kind; ``numbers``: the Russian numbers beside it
    (the segment's, or its window's in a huge pair)."""
    lexicon, vocab = res.lexicon, res.vocab
    if kind == SuspectKind.NUMBER:
        return number_candidates(tok, evidence, numbers, vocab)
    from_english = latin_candidates(tok, evidence.latin, lexicon.one_edit_from) if evidence else []
    if kind == SuspectKind.LOOKALIKE:
        return lookalike_candidates(tok, lexicon, vocab) + from_english
    cands = document_candidates(tok, lexicon, vocab, res.settings.vocabulary) + from_english
    cands += english_candidates(tok, evidence, vocab)
    if kind == SuspectKind.UNKNOWN:
        cands += lexicon_candidates(tok, lexicon, vocab)
        if not any(c.distance <= 1 for c in cands):
            cands += split_candidates(tok, lexicon)
    return cands


def _proposals(
    seg: Segment,
    suspect: Suspect,
    cands: list[Candidate],
    res: DocumentResources,
    *,
    name_like: bool = False,
) -> list[Scored]:
    """The proposal for one suspect (its best candidate, with the next as alternatives) and its evidence,
    or [] when no candidate is left or the best is not confident enough. ``name_like``: see
    ``ranking.confidence``."""
    original = seg.text[suspect.start : suspect.end]
    cands = [replace(c, text=keep_yo(original, c.text)) for c in cands]  # the ё the OCR read stays
    cands = [c for c in cands if c.text != original and not res.memory.is_rejected(original, c.text)]
    if not cands:
        return []
    settings = res.settings
    ranked = rank(cands, original, settings.ranking, learned=res.learned)
    engine = engine_confidence(seg.words, suspect.start, suspect.end)
    values = evidence(
        ranked,
        original,
        suspect.kind,
        name_like,
        settings.ranking,
        learned=res.learned,
        engine=engine,
        opens_paragraph=seg.id not in res.continued and opens_paragraph(seg.text, suspect.start),
        original_zipf=res.lexicon.zipf(original.lower()) if original.isalpha() else 0.0,
    )
    if settings.confidence is None:
        conf = confidence(ranked, original, name_like, settings.ranking)
    else:
        conf = round(settings.confidence.probability(values), 3)
    best = ranked[0][0]
    after, count = seg.text[suspect.end : suspect.end + 12], res.vocab.count(best.text)
    cap = settings.english_number_cap
    conf, note = english_only_cap(
        conf, original, best, after, learned=res.learned, document_count=count, cap=cap
    )
    if conf < settings.min_emit:
        return []
    proposal = Proposal(
        id=proposal_id(seg.id, suspect.start, original),
        segment=seg.id,
        start=suspect.start,
        end=suspect.end,
        original=original,
        suggestion=best.text,
        alternatives=tuple(c.text for c, _ in ranked[1 : 1 + settings.max_alternatives]),
        confidence=conf,
        reasons=(
            f"{suspect.kind}: {KIND_REASONS[suspect.kind]}",
            *reasons(best, original, res.learned, settings.ranking),
            *((note,) if note else ()),
        ),
        producer=PRODUCER,
        boxes=word_boxes(seg.words, suspect.start, suspect.end),
    )
    return [(proposal, values)]


def _takes_capital(seg: Segment, tok: Token, kind: SuspectKind, res: DocumentResources) -> bool:
    """The fixes of a token opening a sentence take a capital: digits read for a word ("06 этом" -> "Об"),
    or a lower-case word opening a paragraph no page broke ("сласибо" -> "Спасибо": the OCR lost the
    capital with the letters; after a full stop, which the OCR may have added, a capital is a guess)."""
    if kind == SuspectKind.LOOKALIKE and tok.text.isdigit():
        return True
    return tok.text[:1].islower() and seg.id not in res.continued and opens_paragraph(seg.text, tok.start)


def _sentence_start(text: str, tok: Token) -> bool:
    """The token opens a sentence (so a capital says nothing about it being a name); reads back over the
    marks before it only, never the whole prefix (which in a huge paragraph cost its length per token)."""
    i = tok.start - 1
    while i >= 0 and text[i] in ' "«(':
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"
