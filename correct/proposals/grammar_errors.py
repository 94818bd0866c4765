"""Real-word OCR errors that grammar exposes: a known word in the wrong form, or a garbled pronoun.

A dictionary hides errors that turn one form into another ("о продления срока" for
"о продлении", "мы буден" is caught by the lexicon but "о громадном внимания" is not).
Two narrow cases are proposed, both from the agreement rules of ``context.py``:

- ``agreement``: a word in a case its preposition does not govern ("о продления"), or
  a noun that disagrees with the adjective between it and its preposition ("о
  громадном внимания"), while another form of the same word, at most two edits away,
  satisfies the rule. Only the ending changes, so the word the typist meant is not in
  doubt, only its form. Looser agreement is not used: an adjective beside a noun it
  does not qualify is good Russian ("считает целесообразным продление", "два
  сборочных завода");
- ``pronoun``: a one- or two-letter token that is no function word ("ми", "Ны")
  before a finite verb or a short adjective (a particle or adverb may stand between),
  where a personal pronoun one edit away agrees with it ("ми превратили" -> "мы
  превратили", "Ны тоже должны" -> "Мы тоже должны").

- ``preposition``: a preposition before a finite verb or a subject pronoun, which it
  cannot govern, read for the particle one edit away ("на ставят" -> "не ставят").

A correct word is never replaced by a different word here: a real-word error that
needs meaning ("битая" for "Китая") still needs evidence from the English.
"""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein

from correct.proposals.context import GOVERNMENT, Neighbours, grammar_fit, neighbours
from correct.proposals.document_vocab import DocumentVocabulary
from correct.proposals.lexicon import Lexicon
from correct.proposals.ranking import Candidate, CandidateSource, RankingConfig
from correct.proposals.tokens import Script, Token, match_case, script_of

PERSONAL = ("я", "ты", "он", "она", "оно", "мы", "вы", "они")
# short function words that also stand before a verb: rivals of a pronoun ("ме могли": мы or не?)
BEFORE_VERB = ("не", "ни", "но", "и", "а", "же", "бы", "ли")
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ"})
_NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})
SURE_FIT = RankingConfig.sure_fit  # share of a form's parses that must satisfy the rule
MIN_AGREEMENT_LENGTH = 3  # letters: shorter words (prepositions, particles) have no case to correct
LIKELY_PARSE = 0.1  # pymorphy3 score: less likely readings of the token are not its word
MAX_FORM_EDITS = 2  # edits between the token and another form of its word (only the ending changes)
FINITE_SHARE = 0.75  # parse probability of a finite verb that makes a preposition before it impossible


def governors(text: str, tokens: tuple[Token, ...], i: int, lexicon: Lexicon) -> tuple[Neighbours, ...]:
    """The words that fix token ``i``'s case: its preposition, and the adjective between them when that
    adjective agrees with the preposition (each as a left neighbour). () when there is no preposition."""
    left = neighbours(text, tokens, i, i, lexicon).left
    if left is None:
        return ()
    if left in GOVERNMENT and lexicon.parses(left)[0].tag.POS == "PREP":
        return (Neighbours(left, None),)
    if i < 2 or not all(p.tag.POS in ("ADJF", "PRTF") for p in lexicon.parses(left)):
        return ()
    prep = neighbours(text, tokens, i - 1, i - 1, lexicon).left
    if prep in GOVERNMENT and grammar_fit(left, Neighbours(prep, None), lexicon) > 0:
        return Neighbours(prep, None), Neighbours(left, None)
    return ()


def agreement_candidates(
    tok: Token, rules: tuple[Neighbours, ...], lexicon: Lexicon, vocab: DocumentVocabulary
) -> list[Candidate]:
    """Other forms of the token's word that satisfy every rule of its ``governors``, when the token
    itself breaks them all; [] otherwise (a nominal token that fits one of them is not the error)."""
    norm = tok.norm
    if (
        not rules
        or len(norm) < MIN_AGREEMENT_LENGTH
        or script_of(tok.text) != Script.CYRILLIC
        or not lexicon.in_dictionary(norm)
    ):
        return []
    own = lexicon.parses(norm)
    if not all(p.tag.POS in _NOMINAL for p in own):
        return []  # "из должны": the preposition is the error, not the word
    if any(grammar_fit(norm, r, lexicon) >= 0 for r in rules):
        return []
    numbers = {p.tag.number for p in own}
    out = []
    for word, d in _nearby_forms(norm, lexicon).items():
        fit = min(grammar_fit(word, r, lexicon) for r in rules)
        keeps_number = any(p.tag.number in numbers for p in lexicon.parses(word))
        if fit >= SURE_FIT and keeps_number:  # only the case was misread: "гевея" -> "гевее", not "гевеях"
            note = "another form of the same word"
            out.append(
                Candidate(
                    match_case(tok.text, word),
                    d,
                    zipf=lexicon.zipf(word),
                    doc_count=vocab.count(word),
                    sources=frozenset({CandidateSource.GRAMMAR}),
                    note=note,
                    lemmas=frozenset(p.normal_form for p in lexicon.parses(word)),
                    fit=fit,
                )
            )
    return out


def _nearby_forms(norm: str, lexicon: Lexicon) -> dict[str, int]:
    """Other forms of the word (its likely parses' lexemes) at most two edits away: {form: edits}."""
    forms: dict[str, int] = {}
    for parse in lexicon.parses(norm):
        if parse.score < LIKELY_PARSE:
            continue
        for form in parse.lexeme:
            word = form.word.replace("ё", "е")
            d = DamerauLevenshtein.distance(norm, word, score_cutoff=MAX_FORM_EDITS)
            if 0 < d <= MAX_FORM_EDITS and abs(len(word) - len(norm)) <= 1:
                forms[word] = min(d, forms.get(word, d))
    return forms


def pronoun_candidates(
    tok: Token, text: str, tokens: tuple[Token, ...], i: int, lexicon: Lexicon
) -> list[Candidate]:
    """Personal pronouns one edit from a short non-function token that agree with the verb after it,
    with the particles one edit away as rivals ("ме могли": "мы" agrees, but "не" is as near); [] when
    no pronoun agrees."""
    norm = tok.norm
    if not 1 <= len(norm) <= 2 or script_of(tok.text) != Script.CYRILLIC or norm in PERSONAL:
        return []
    if lexicon.in_dictionary(norm) and any(p.tag.POS in _FUNCTION for p in lexicon.parses(norm)):
        return []
    around = neighbours(text, tokens, i, i, lexicon)
    if around.right and all(p.tag.POS in ("PRCL", "ADVB") for p in lexicon.parses(around.right)):
        around = neighbours(text, tokens, i, i + 1, lexicon)  # "Ны тоже должны": past the particle
    if around.right is None:
        return []
    out = [
        Candidate(
            match_case(tok.text, w), 1, zipf=lexicon.zipf(w), sources=frozenset({CandidateSource.GRAMMAR})
        )
        for w in BEFORE_VERB
        if DamerauLevenshtein.distance(norm, w) == 1
    ]
    for pron in PERSONAL:
        d = DamerauLevenshtein.distance(norm, pron)
        if d == 1 and grammar_fit(pron, Neighbours(None, around.right), lexicon) >= SURE_FIT:
            note = f"a pronoun that agrees with the verb '{around.right}'"
            out.append(
                Candidate(
                    match_case(tok.text, pron),
                    d,
                    zipf=lexicon.zipf(pron),
                    sources=frozenset({CandidateSource.GRAMMAR}),
                    note=note,
                    lemmas=frozenset({pron}),
                    fit=1.0,
                )
            )
    return out if any(c.fit > 0 for c in out) else []


def preposition_candidates(
    tok: Token, text: str, tokens: tuple[Token, ...], i: int, lexicon: Lexicon
) -> list[Candidate]:
    """Particles one edit from a preposition that stands before a finite verb or a subject pronoun,
    which no preposition can govern ("на ставят" -> "не ставят", "По мы" -> "Но мы")."""
    norm = tok.norm
    if norm not in GOVERNMENT or lexicon.parses(norm)[0].tag.POS != "PREP":
        return []
    right = neighbours(text, tokens, i, i, lexicon).right
    if right is None or grammar_fit(right, Neighbours(norm, None), lexicon) >= 0:
        return []
    parses = lexicon.parses(right)
    finite = sum(p.score for p in parses if p.tag.POS == "VERB" and p.tag.mood == "indc")
    subject = parses[0].tag.POS == "NPRO" and parses[0].tag.case == "nomn" and parses[0].tag.person
    if finite < FINITE_SHARE and not subject:
        return []
    note = f"no preposition stands before '{right}'"
    return [
        Candidate(
            match_case(tok.text, w),
            1,
            zipf=lexicon.zipf(w),
            sources=frozenset({CandidateSource.GRAMMAR}),
            note=note,
        )
        for w in BEFORE_VERB
        if DamerauLevenshtein.distance(norm, w) == 1
    ]
