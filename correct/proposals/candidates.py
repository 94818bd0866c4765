"""Candidate fixes for one suspect, from each source of evidence.

Sources: the lexicon pool (SymSpell neighbours and one-edit dictionary forms), the
document's frequent forms, the linked English (transliterated names; its numbers: number_evidence.py),
look-alike mapping, and joining or splitting words. Every candidate carries its
source so that ranking and reasons can weigh and explain it.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import DamerauLevenshtein

from correct.proposals.confusions import digits_to_letters, from_latin
from correct.proposals.document_vocab import DocumentVocabulary, VocabularyConfig
from correct.proposals.english_evidence import EnglishEvidence
from correct.proposals.inflection import case_ending, is_inflection, stem
from correct.proposals.lexicon import Lexicon
from correct.proposals.ranking import Candidate, CandidateSource
from correct.proposals.tokens import Token, loose, match_case, normalise

_ROMAN = re.compile(r"(?=[IVXLC])X{0,3}(?:IX|IV|V?I{0,3})")
MIN_LEXICON_ZIPF = 1.5  # rarer dictionary words are no fix unless the document uses them
SHORT_WORD = 4  # letters: a word this short gets one edit, longer ones two (short words have many neighbours)
MIN_EDITS_LENGTH = 5  # letters: from here on, one-edit dictionary forms join the SymSpell pool
COMMON_ZIPF = 3.0  # a dictionary word this frequent is a common word (wordfreq Zipf)
FAR_NAME_COUNT = 10  # a document name used this often may be a fix two edits away ("Нуоу" -> "Чжоу")
FAR_NAME_LENGTH = 4  # letters: a capitalised token this long may be that far from such a name
MIN_NAME_LENGTH = 3  # letters: shorter names and tokens match too much to be evidence
MIN_SPLIT_PART = 3  # letters: shorter parts (prepositions, particles) make too many false splits
SPLIT_FREQUENT_ZIPF = 4.5  # one of two run-together words must be this frequent (Zipf), both common
MIN_CAPITAL_MISREAD = 5  # letters: a shorter small-letter token matches some English name by chance


def max_edits(word: str) -> int:
    """Edits allowed for a word of this length: short words have too many neighbours."""
    return 1 if len(word) <= SHORT_WORD else 2


def lexicon_candidates(tok: Token, lexicon: Lexicon, vocab: DocumentVocabulary) -> list[Candidate]:
    """Dictionary words within a few edits of the token, in its case pattern."""
    norm = tok.norm
    pool = [
        (w, d) for w, d in lexicon.neighbours(norm, max_edits(norm)) if d > 0 and lexicon.in_dictionary(w)
    ]
    # rare forms the index lacks, for a lower-case word also beside frequent ones it has ("сосредоточимся"
    # beside "сосредоточился", issue 13: benchmarks/ocr_recall_analysis.py); a capitalised word gets them
    # only when the index has no one-edit word (on clean text, "БАДов" must not become "Садов")
    rare = not tok.is_capitalised or not any(d == 1 for _, d in pool)
    if rare and len(norm) >= MIN_EDITS_LENGTH:
        pool += [(w, 1) for w in lexicon.dictionary_edits(norm)]
    out = []
    for word, d in dict(pool).items():
        zipf, count = lexicon.zipf(word), vocab.count(word)
        if zipf < MIN_LEXICON_ZIPF and not count and d > 1:
            continue
        out.append(
            Candidate(
                match_case(tok.text, word), d, zipf, count, sources=frozenset({CandidateSource.LEXICON})
            )
        )
    return out


def document_candidates(
    tok: Token, lexicon: Lexicon, vocab: DocumentVocabulary, config: VocabularyConfig
) -> list[Candidate]:
    """Frequent document forms near the token ("Знь-лай" -> "Энь-лай").

    A name-like token may be two edits from a form the document uses ten times
    or more ("Нуоу" -> "Чжоу"); forms that are themselves rare variants of a more
    frequent form are skipped, and so are mere inflections of the token.
    """
    if len(tok.norm) < MIN_NAME_LENGTH:
        return []
    allowed = max_edits(tok.norm)
    if tok.is_capitalised and len(tok.norm) >= FAR_NAME_LENGTH:
        allowed = 2
    limit = VocabularyConfig(config.min_count, config.min_ratio, min(config.max_distance, allowed))
    out = []
    for spelling, count, d in vocab.frequent_near(tok.text, limit):
        name = spelling[:1].isupper()
        if d > max_edits(tok.norm) and (count < FAR_NAME_COUNT or not name):
            continue
        if is_inflection(tok.text, spelling) or _is_variant(spelling, vocab, config):
            continue
        if not name and _misspelling(normalise(spelling), lexicon):
            continue  # the document repeats an OCR error ("американци"): no evidence
        text = spelling.upper() if tok.text.isupper() and len(tok.text) > 1 else spelling
        if not spelling[:1].isupper():
            text = match_case(tok.text, spelling)
        zipf = lexicon.zipf(normalise(spelling))
        # a dictionary word the document uses is a lexicon candidate with a count, not a name
        source = (
            CandidateSource.DOCUMENT
            if name or not lexicon.in_dictionary(normalise(spelling))
            else CandidateSource.LEXICON
        )
        out.append(Candidate(text, d, zipf, count, sources=frozenset({source})))
    return out


def capital_candidates(
    tok: Token, lexicon: Lexicon, vocab: DocumentVocabulary, min_count: int
) -> list[Candidate]:
    """The document's capitalised spelling of a name written here in lower case ("чжоу" -> "Чжоу").

    Only for a word the dictionary knows as no common word: "дело" written "Дело" at
    sentence starts must not capitalise every "дело".
    """
    usual = vocab.spelling.get(tok.norm, "")
    if not tok.text.islower() or not usual[:1].isupper() or vocab.count(tok.norm) < min_count:
        return []
    if lexicon.in_dictionary(tok.norm) and any(
        not p.tag.grammemes & {"Name", "Surn", "Patr", "Geox", "Orgn"} for p in lexicon.parses(tok.norm)
    ):
        return []
    note = f"the document writes '{usual}' with a capital"
    return [
        Candidate(
            usual,
            0,
            doc_count=vocab.count(tok.norm),
            sources=frozenset({CandidateSource.DOCUMENT}),
            note=note,
        )
    ]


def _misspelling(word: str, lexicon: Lexicon) -> bool:
    """A word the dictionary lacks but that is one edit from a common dictionary word."""
    if lexicon.in_dictionary(word):
        return False
    return any(
        d == 1 and lexicon.in_dictionary(w) and lexicon.zipf(w) >= COMMON_ZIPF
        for w, d in lexicon.neighbours(word, 1)
    )


def english_supports(tok: Token, evidence: EnglishEvidence | None) -> bool:
    """The linked English names this token as written, up to inflection and convention ("Булганину")."""
    if evidence is None or not tok.is_capitalised:
        return False
    return any(len(form) >= MIN_NAME_LENGTH and is_inflection(tok.text, form) for form, _ in evidence.names)


def _is_variant(spelling: str, vocab: DocumentVocabulary, config: VocabularyConfig) -> bool:
    """A form one edit from a far more frequent document form is itself a garbled variant, no fix."""
    return bool(vocab.frequent_near(spelling, VocabularyConfig(config.min_count, config.min_ratio, 1)))


def english_candidates(
    tok: Token, evidence: EnglishEvidence | None, vocab: DocumentVocabulary
) -> list[Candidate]:
    """Transliterated English names near the token, keeping its case ending ("Муцдена" -> "Мукдена").

    The document's own spelling of a name wins over the transliteration table's
    ("Цзе-дун", not "Цзэ-дун"); a token that only inflects the name or follows
    another convention is supported, not corrected. A token in small letters is the name only with its
    capital misread or lost and every other letter right ("дрестович" for "Арестович": the typewriter's
    "А" read as "д"; "натолий" for "Анатолий").
    """
    if evidence is None:
        return []
    if not tok.is_capitalised:
        return _capital_misread(tok, evidence, vocab)
    norm, out = tok.norm, []
    for form, english in evidence.names:
        f = normalise(form)
        if len(f) < MIN_NAME_LENGTH:
            continue
        if is_inflection(norm, f):
            return []  # the English supports the token as written
        if norm[:-2] == f[:-2]:
            continue  # differs only in the last letters: a case ending, not evidence of a fix
        d, text = DamerauLevenshtein.distance(norm, f), _document_spelling(form, vocab)
        tail = case_ending(norm)
        if tail and len(stem(f)) >= 5 and DamerauLevenshtein.distance(norm[: -len(tail)], stem(f)) < d:
            d = DamerauLevenshtein.distance(norm[: -len(tail)], stem(f))
            base = form[: len(stem(f))]
            text = (_document_spelling(base, vocab) if base == form else base) + tail
        if d == 0 or d > max_edits(f):
            continue
        text = text.upper() if tok.text.isupper() and len(tok.text) > 1 else text
        evidence_word = Candidate(
            text,
            d,
            doc_count=vocab.count(text),
            english=english,
            sources=frozenset({CandidateSource.ENGLISH}),
        )
        out.append(evidence_word)
    return out


def _capital_misread(tok: Token, evidence: EnglishEvidence, vocab: DocumentVocabulary) -> list[Candidate]:
    """The English's name for a small-letter token that is the name with its first letter misread or lost."""
    norm = tok.norm
    if len(norm) < MIN_CAPITAL_MISREAD or not tok.text.islower():
        return []
    found = {
        _document_spelling(form, vocab): english
        for form, english in evidence.names
        if (f := normalise(form).lower()) and f[0] != norm[0] and (f[1:] == norm[1:] or f[1:] == norm)
    }
    if len(found) != 1:
        return []  # two names fit: no evidence for either
    ((text, english),) = found.items()
    return [
        Candidate(
            text,
            1,
            doc_count=vocab.count(text),
            english=english,
            sources=frozenset({CandidateSource.ENGLISH}),
        )
    ]


def _document_spelling(form: str, vocab: DocumentVocabulary) -> str:
    """The document's spelling of a transliterated name when it differs only by convention."""
    best = vocab.by_loose.get(loose(form))
    return vocab.spelling[best] if best and vocab.counts[best] >= 2 else form


def lookalike_candidates(tok: Token, lexicon: Lexicon, vocab: DocumentVocabulary) -> list[Candidate]:
    """Latin look-alikes and digits read as the Cyrillic or Roman letters they resemble."""
    text = tok.text
    roman = text.replace("1", "I").replace("l", "I")
    if roman != text and _ROMAN.fullmatch(roman):
        note = f"digit read for a letter in '{roman}'"
        return [Candidate(roman, 0, sources=frozenset({CandidateSource.LOOKALIKE}), note=note)]
    cyr = from_latin(text)
    if cyr is None:
        return []
    cyr = digits_to_letters(cyr)
    if not re.fullmatch(r"[А-Яа-яЁё\"-]+", cyr):
        return []
    note = "Latin or digit look-alike letters mixed into a Russian word"
    norm = normalise(cyr)
    if lexicon.in_dictionary(norm):
        return [
            Candidate(
                cyr, 0, zipf=lexicon.zipf(norm), sources=frozenset({CandidateSource.LOOKALIKE}), note=note
            )
        ]
    fixed = Token(tok.start, tok.end, cyr)
    return [
        Candidate(
            c.text,
            c.distance,
            c.zipf,
            c.doc_count,
            sources=c.sources | {CandidateSource.LOOKALIKE},
            note=note,
        )
        for c in lexicon_candidates(fixed, lexicon, vocab)
    ]


def split_candidates(tok: Token, lexicon: Lexicon) -> list[Candidate]:
    """Two frequent words run together ("этостанки" -> "это станки"), never a compound the dictionary
    reads as a known prefix + word ("авторынок" is neither "авто рынок" nor "авторы нок")."""
    norm, out = tok.norm, []
    if lexicon.known_prefixes(norm):  # a real word: split anywhere ("авторы нок") it is two wrong ones
        return out
    for i in range(2, len(norm) - 1):
        a, b = norm[:i], norm[i:]
        if not (lexicon.in_dictionary(a) and lexicon.in_dictionary(b)):
            continue
        zipf = min(lexicon.zipf(a), lexicon.zipf(b))
        frequent = max(lexicon.zipf(a), lexicon.zipf(b)) >= SPLIT_FREQUENT_ZIPF
        if min(len(a), len(b)) >= MIN_SPLIT_PART and zipf >= COMMON_ZIPF and frequent:
            hyphenated = lexicon.in_dictionary(f"{a}-{b}")  # "какиелибо" -> "какие-либо"
            text = match_case(tok.text, a) + ("-" if hyphenated else " ") + b
            out.append(
                Candidate(
                    text,
                    1,
                    zipf=zipf,
                    sources=frozenset({CandidateSource.SPLIT}),
                    note="two words run together",
                )
            )
    return out
