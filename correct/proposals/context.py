"""Does a candidate fix fit its neighbours grammatically? Checks with pymorphy3 tags.

OCR often turns a word into another form of a real word ("имню" is one edit from
"имею" and from "июню"; "буден" from "будет" and "будем"), where frequency picks
the wrong one. Three agreement rules of Russian grammar decide many such ties:

- a preposition governs the case of the next nominal word ("к июню": dative), which also says which
  preposition a mark stands for ("© прошедшем отпуске": о, not с);
- an adjective agrees with the noun beside it in case and number, and in gender in
  the singular ("автомобильные заводы", "громадном внимании");
- a personal pronoun subject agrees with its finite verb in person and number
  ("мы будем", "он ведет").

A conjunction between two nominal words in one case joins them ("мяса м молока": и): a fit, never a
misfit, since "и" also joins clauses.

Only neighbours the dictionary knows and that touch the word (a space, no
punctuation between) are used. The result is the probability mass (pymorphy3's
parse scores) of the candidate's parses that satisfy a rule that applies (a rare
reading that fits, "заводи" as a noun, counts little), -1 when a rule applies and
no parse satisfies it, or 0 when no rule applies.
Sources: the case government of prepositions and agreement rules are textbook
grammar (e.g. Wade, *A Comprehensive Russian Grammar*, ch. 9 and 10).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from correct.proposals.lexicon import Lexicon
from correct.proposals.tokens import Token, normalise

if TYPE_CHECKING:
    from pymorphy3.tagset import OpencorporaTag as Tag

# Cases each preposition governs (pymorphy3 case grammemes).
GOVERNMENT: dict[str, frozenset[str]] = {
    **dict.fromkeys(("в", "во", "на"), frozenset({"accs", "loct"})),
    **dict.fromkeys(("о", "об", "обо"), frozenset({"loct"})),  # the accusative ("об стену") is rare
    **dict.fromkeys(("к", "ко"), frozenset({"datv"})),
    **dict.fromkeys(
        ("из", "от", "ото", "до", "для", "без", "у", "около", "после", "кроме", "среди", "вокруг", "против"),
        frozenset({"gent"}),
    ),
    **dict.fromkeys(("с", "со"), frozenset({"gent", "ablt", "accs"})),
    "по": frozenset({"datv", "loct", "accs"}),
    **dict.fromkeys(("за", "под", "подо"), frozenset({"accs", "ablt"})),
    **dict.fromkeys(("над", "перед", "между"), frozenset({"ablt"})),
    "при": frozenset({"loct"}),
    **dict.fromkeys(("через", "про", "сквозь"), frozenset({"accs"})),
}
NOMINAL = frozenset({"NOUN", "ADJF", "PRTF", "NPRO", "NUMR"})
COORDINATING = frozenset({"и", "или"})  # conjunctions that join words of one case
_ADJECTIVE = frozenset({"ADJF", "PRTF"})
_NOUN = frozenset({"NOUN"})
_PREDICATE = frozenset({"VERB", "ADJS", "PRTS"})  # what a pronoun subject agrees with
_NOT_AFTER_PREPOSITION = frozenset({"VERB", "INFN", "ADJS", "PRTS", "GRND", "CONJ"})
# pymorphy3's second genitive, locative and accusative count as the plain cases
_CASE = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct", "voct": "nomn"}
_JOIN = re.compile(r"[ \t]+")  # what may stand between two words for them to agree
SURE_PARSE = 0.5  # pymorphy3 score from which a word's first reading is its likely one


@dataclass(frozen=True)
class Neighbours:
    """The known words touching a suspect (lexicon forms), or None."""

    left: str | None
    right: str | None
    opens: bool = False  # nothing or punctuation before: no preposition governs the word


def neighbours(text: str, tokens: tuple[Token, ...], first: int, last: int, lexicon: Lexicon) -> Neighbours:
    """Dictionary words just before token ``first`` and just after token ``last`` (no punctuation between)."""
    left = right = None
    opens = first == 0 or not _JOIN.fullmatch(text[tokens[first - 1].end : tokens[first].start])
    if first > 0:
        prev = tokens[first - 1]
        if _JOIN.fullmatch(text[prev.end : tokens[first].start]) and lexicon.in_dictionary(prev.norm):
            left = prev.norm
    if last + 1 < len(tokens):
        nxt = tokens[last + 1]
        if _JOIN.fullmatch(text[tokens[last].end : nxt.start]) and lexicon.in_dictionary(nxt.norm):
            right = nxt.norm
    return Neighbours(left, right, opens)


def grammar_fit(word: str, around: Neighbours, lexicon: Lexicon) -> float:
    """In (0, 1]: the share of the candidate ``word``'s parses that satisfy an agreement rule with a
    neighbour; -1 when rules apply and no parse satisfies them; 0 when none applies (multi-word or
    unknown candidates: 0)."""
    norm = normalise(word)
    if " " in norm or not lexicon.in_dictionary(norm):
        return 0.0
    parses = lexicon.parses(norm)
    if around.opens and all(p.tag.POS in NOMINAL and _case(p.tag) == "loct" for p in parses):
        return -1.0  # the prepositional case needs a preposition: "Деле" opening a sentence
    applies, mass = False, 0.0
    for parse in parses:
        verdicts = [
            v
            for v in (
                _after_preposition([parse.tag], around.left, lexicon),
                _governs_right(parse.tag, norm, around.right, lexicon),
                _coordinates(parse.tag, norm, around, lexicon),
                _adjective_noun([parse.tag], around, lexicon),
                _pronoun_verb([parse.tag], around, lexicon),
            )
            if v is not None
        ]
        applies = applies or bool(verdicts)
        if any(verdicts):
            mass += parse.score
    if not applies:
        return 0.0
    return round(min(1.0, mass), 3) if mass > 0 else -1.0


PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Abbr", "Trad"})


def capital_misfit(original: str, word: str, start: bool, lexicon: Lexicon, usual: str | None) -> bool:
    """The candidate's capitals contradict the original's: a lower-case word cannot become a name written
    lower-case ("грении" -> "греции") unless the document (``usual``: its usual spelling of the candidate)
    writes it so, nor a word in lower case an abbreviation written in capitals ("Наот" -> "Нато").
    The converse (a capital inside a sentence asks for a name) is not used: OCR adds capitals to
    garbled words ("кита Реким добровольцам"), so it would make a rival name look sure."""
    norm = normalise(word)
    if " " in norm or not lexicon.in_dictionary(norm) or original.isupper():
        return False
    parses = lexicon.parses(norm)
    if all("Abbr" in p.tag for p in parses) and len(norm) > 1 and not (usual and not usual.isupper()):
        return True
    proper = [bool(p.tag.grammemes & PROPER) for p in parses]
    if original[:1].islower() and word[:1].islower():
        return all(proper) and not (usual and usual[:1].islower())
    return False


def lemmas(word: str, lexicon: Lexicon) -> frozenset[str]:
    """Dictionary lemmas of a candidate: two candidates sharing one are forms of one word."""
    norm = normalise(word)
    if " " in norm or not lexicon.in_dictionary(norm):
        return frozenset()
    return frozenset(p.normal_form for p in lexicon.parses(norm))


def _case(tag: Tag) -> str | None:
    """The tag's case with pymorphy3's second cases folded into the plain ones ("loc2" -> "loct")."""
    return _CASE.get(tag.case, tag.case) if tag.case else None


def _tags(word: str, lexicon: Lexicon) -> list[Tag]:
    """Every parse of a neighbour: agreement with any reading counts."""
    return [p.tag for p in lexicon.parses(word)]


def _mostly(word: str, pos: frozenset[str], lexicon: Lexicon, share: float = 0.75) -> bool:
    """At least ``share`` of the word's parse probability is of these parts of speech ("дорога": a noun,
    though also the short adjective of "дорогой")."""
    return lexicon.pos_share(word, pos) >= share


def _after_preposition(tags: list[Tag], left: str | None, lexicon: Lexicon) -> bool | None:
    """The candidate is in a case its preposition ``left`` governs; None when no rule applies."""
    if left is None or left not in GOVERNMENT:
        return None
    if lexicon.parses(left)[0].tag.POS != "PREP":
        return None
    cases = GOVERNMENT[left]
    if any(t.POS in NOMINAL and _case(t) in cases for t in tags):
        return True
    if all(t.POS in NOMINAL or t.POS in _NOT_AFTER_PREPOSITION for t in tags):
        return False
    return None  # an adverb or particle may follow a preposition ("в очень ...")


def _governs_right(tag: Tag, word: str, right: str | None, lexicon: Lexicon) -> bool | None:
    """The candidate is a preposition and the word after it is in a case it governs; None when that is not
    a nominal word (an adverb may follow: "в очень")."""
    if right is None or tag.POS != "PREP":
        return None
    return governs_next(word, right, lexicon)


def governs_next(preposition: str, word: str, lexicon: Lexicon) -> bool | None:
    """``word`` (lexicon form) is in a case ``preposition`` governs; None when no rule applies (not a
    preposition, not a known word, or an adverb that may follow one)."""
    if preposition not in GOVERNMENT or not lexicon.in_dictionary(word):
        return None
    return _after_preposition(_tags(word, lexicon), preposition, lexicon)


def _coordinates(tag: Tag, word: str, around: Neighbours, lexicon: Lexicon) -> bool | None:
    """The candidate is a coordinating conjunction between two nominal words sharing a case; None
    otherwise (a conjunction may join clauses, so nothing here says it does not fit)."""
    if tag.POS != "CONJ" or word not in COORDINATING or around.left is None or around.right is None:
        return None
    left = {_case(t) for t in _tags(around.left, lexicon) if t.POS in NOMINAL}
    right = {_case(t) for t in _tags(around.right, lexicon) if t.POS in NOMINAL}
    return True if (left & right) - {None} else None


def _agree(adj: Tag, noun: Tag) -> bool:
    """An adjective and a noun agree in case and number, and in gender in the singular."""
    if _case(adj) != _case(noun) or adj.number != noun.number:
        return False
    if adj.number == "sing" and noun.gender and adj.gender:
        return adj.gender == noun.gender
    return True


def _adjective_noun(tags: list[Tag], around: Neighbours, lexicon: Lexicon) -> bool | None:
    """A candidate adjective before a noun, or a candidate noun after an adjective, agrees with it."""
    verdict = None
    noun_right = around.right and _mostly(around.right, _NOUN, lexicon)
    if noun_right and all(t.POS in _ADJECTIVE for t in tags):
        nouns = [t for t in _tags(around.right, lexicon) if t.POS == "NOUN"]
        verdict = any(_agree(a, n) for a in tags for n in nouns)
    adjective_left = around.left and _mostly(around.left, _ADJECTIVE, lexicon, share=0.99)
    if verdict is None and adjective_left and any(t.POS == "NOUN" for t in tags):
        left = [t for t in _tags(around.left, lexicon) if t.POS in _ADJECTIVE]
        verdict = any(_agree(a, n) for a in left for n in tags if n.POS == "NOUN")
    return verdict


def _pronoun_verb(tags: list[Tag], around: Neighbours, lexicon: Lexicon) -> bool | None:
    """A personal pronoun subject and a finite verb agree in person and number (past: number, gender)."""
    if around.left and any(t.POS == "VERB" for t in tags):
        pron = _personal(around.left, lexicon)
        if pron is not None and all(t.POS == "VERB" for t in tags):
            return any(_subject_agrees(pron, t) for t in tags)
    if around.right and any(t.POS == "NPRO" and t.case == "nomn" for t in tags):
        verbs = [t for t in _tags(around.right, lexicon) if t.POS in _PREDICATE and t.mood != "impr"]
        if verbs:
            return any(_subject_agrees(p, v) for p in tags if p.POS == "NPRO" and p.person for v in verbs)
    return None


def _personal(word: str, lexicon: Lexicon) -> Tag | None:
    """The tag of a personal pronoun subject ("мы"), when that is the word's likely reading."""
    parse = lexicon.parses(word)[0]
    tag = parse.tag
    if tag.POS == "NPRO" and tag.person and tag.case == "nomn" and parse.score >= SURE_PARSE:
        return tag
    return None


def _subject_agrees(pron: Tag, verb: Tag) -> bool:
    """Person and number agree; a past verb or a short adjective ("мы должны") agrees in number and,
    in the singular, in gender."""
    if verb.POS == "VERB" and verb.mood != "indc":
        return False
    if verb.tense == "past" or verb.POS in ("ADJS", "PRTS"):
        if verb.number != pron.number:
            return False
        return verb.number == "plur" or not pron.gender or pron.gender == verb.gender
    return verb.person == pron.person and verb.number == pron.number
