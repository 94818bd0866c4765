"""OCR proposals on real seed text and on small hand-built paragraph pairs."""

from __future__ import annotations

import pickle
import re

import pytest

from align.ingest.document import Source, ingest
from align.model import Link, Segment
from correct.proposals import DEFAULT_THRESHOLD, Corrector
from correct.proposals.confusions import edit_ops, from_latin
from correct.proposals.context import Neighbours, grammar_fit, lemmas
from correct.proposals.detect import SuspectKind, letter_spaced, stray_symbols
from correct.proposals.inflection import is_inflection, stem
from correct.proposals.reasons import KIND_REASONS
from correct.proposals.tokens import Script, match_case, normalise, script_of, tokenize
from correct.proposals.translit_evidence import russian_forms
from tests.conftest import SEED_FILES, gold_for


@pytest.fixture(scope="module")
def corrector(workbench) -> Corrector:
    """The session workbench's corrector: the lexicon is loaded once for the whole run."""
    return workbench.corrector


@pytest.fixture(scope="module")
def seed000():
    path = SEED_FILES[0]
    _, ru, en, _ = ingest(Source(archive=path))
    return path, ru, en


def segs(ru_text: str, en_text: str | None = None, linked: bool = True):
    ru = (Segment(id="t/ru@0", lang="ru", text=ru_text, start=0, end=len(ru_text)),)
    en = (Segment(id="t/en@0", lang="en", text=en_text, start=0, end=len(en_text)),) if en_text else ()
    links = (Link(ru=("t/ru@0",), en=("t/en@0",), score=0.9),) if en_text and linked else ()
    return ru, en, links


def by_original(proposals, threshold=DEFAULT_THRESHOLD):
    return {p.original: p for p in proposals if p.confidence >= threshold}


# --- pure pieces -------------------------------------------------------------------------------


def test_tokens_keep_names_and_the_typewriter_hard_sign_whole():
    words = [t.text for t in tokenize('Чжоу Энь-лай об"ясняет, С"езду X1X')]
    assert words == ["Чжоу", "Энь-лай", 'об"ясняет', 'С"езду', "X1X"]
    assert normalise('об"ясняет') == "объясняет"
    assert match_case("ГЕДОРЕНКО", "федоренко") == "ФЕДОРЕНКО"
    assert match_case("Кадри", "кадры") == "Кадры"
    assert match_case("Улан-Баторя", "улан-батора") == "Улан-Батора"  # each part keeps its capital


def test_english_names_transliterate_to_the_russian_conventions():
    assert "Федоренко" in russian_forms("Fedorenko")
    assert "Фу-чунь" in russian_forms("Fuchun")
    assert russian_forms("Enlai")[0] == "Энь-лай"
    assert "Чжоу" in russian_forms("Zhou")


def test_lookalikes_and_edit_ops():
    assert from_latin("HECEMPETHO") == "НЕСЕМРЕТНО"
    assert from_latin("Fedor") is None  # F and d have no Cyrillic look-alike
    assert edit_ops("кадри", "кадры") == [("и", "ы")]
    # least-cost, not longest-match: "290" -> "200" is the one substitution 9 -> 0 (difflib read "-9, +0")
    assert edit_ops("290", "200") == [("9", "0")]
    assert edit_ops("2920", "2020") == [("9", "0")]
    # touching edits are one op: a glyph read for two letters
    assert edit_ops("сиштомы", "симптомы") == [("ш", "мп")]
    assert edit_ops("Вх", "В") == [("х", "")]


def test_letter_spaced_words_and_stray_marks_are_found():
    assert letter_spaced("Ф И Л И П П О В У") == [(0, 17, "ФИЛИППОВУ")]
    assert letter_spaced("в 1939 г. и т. д.") == []
    text = "тов. Молотову Δ\t№ 9"
    assert [text[a:b] for a, b in stray_symbols(text)] == [" Δ"]
    assert stray_symbols("№ 5, 30 % и «тыс.» (см.)") == []


def test_case_endings_are_inflections_not_fixes():
    assert is_inflection("Булганину", "Булганин") and is_inflection("Энь-лая", "Энь-лай")
    assert not is_inflection("Энь-ла", "Энь-лай")  # a nominative does not end in -а there
    assert stem("Тяньцзиня") == "Тяньцзин" and stem("Мукдена") == "Мукден"


def test_every_suspect_kind_has_a_reason_that_reads_as_before():
    assert set(KIND_REASONS) == set(SuspectKind)
    assert (
        f"{SuspectKind.UNKNOWN}: {KIND_REASONS[SuspectKind.UNKNOWN]}" == "unknown: not a known Russian word"
    )
    assert script_of("X1X") == "mixed" and script_of("1955") is Script.DIGITS


# --- detection and candidates on the seed ------------------------------------------------------


def test_seed_proposals_point_at_their_text_and_explain_themselves(corrector, seed000):
    _, ru, en = seed000
    proposals = corrector.propose(ru, en, ())
    assert len(proposals) > 50
    by_id = {s.id: s for s in ru}
    for p in proposals:
        assert by_id[p.segment].text[p.start : p.end] == p.original
        assert 0.0 <= p.confidence <= 1.0 and p.reasons and p.suggestion != p.original
    order = [s.id for s in ru]
    positions = [order.index(p.segment) for p in proposals]
    assert positions == sorted(positions), "segments in document order"


def test_seed_typical_errors_are_fixed(corrector, seed000):
    """Each is the suggestion of its proposal; the commonest confusion (и->ы) is applied by default. The
    others are for the editor: the fitted confidence of a look-alike or a broken word is below the
    threshold, since on the corpus such proposals were right less than 95 % of the time."""
    _, ru, en = seed000
    proposals = corrector.propose(ru, en, ())
    assert by_original(proposals)["кадри"].suggestion == "кадры"
    assert by_original(proposals)["американци"].suggestion == "американцы"
    shown = by_original(proposals, threshold=0.0)
    assert shown["HECEMPETHO"].suggestion == "НЕСЕКРЕТНО"
    assert shown["кадри"].suggestion == "кадры"  # not бадри: ы->и is the commonest confusion
    assert shown["американци"].suggestion == "американцы"
    assert shown["Знь-лай"].suggestion == "Энь-лай"  # forty correct "Энь-лай" in the document
    assert shown["го ду"].suggestion == "году"
    assert shown["не- смотря"].suggestion == "несмотря"
    assert shown["X1X"].suggestion == "XIX"


def test_names_abbreviations_and_correct_words_are_left_alone(corrector, seed000):
    _, ru, en = seed000
    proposals = corrector.propose(ru, en, ())
    originals = {p.original for p in proposals}
    for fine in ("Энь-лай", "Чжоу", "Цзе-дун", "тыс", "т.т", "Сталин", 'об"ясняет'):
        assert fine not in originals
    lexicon = corrector.lexicon
    for p in proposals:
        if p.confidence >= DEFAULT_THRESHOLD and re.fullmatch(r"[а-яё]+", p.original):
            if not lexicon.in_dictionary(normalise(p.original)):
                continue
            # a real word changes only into another form of itself, a pronoun or its capitalised name
            kind = p.reasons[0].split(":")[0]
            assert kind in ("agreement", "pronoun", "capital"), f"real word changed: {p.original}"
            if kind == "agreement":
                assert lemmas(p.original, lexicon) & lemmas(p.suggestion, lexicon), p


def test_gold_fixes_precision_and_recall_without_english(corrector, seed000):
    """At the default threshold, on gold fixes the proposals touch: precision >= 0.95; a floor on recall
    (0.37 measured without English)."""
    path, ru, en = seed000
    gold = gold_for(path)
    shown = [p for p in corrector.propose(ru, en, ()) if p.confidence >= DEFAULT_THRESHOLD]
    right = wrong = found = 0
    for fix in gold["ocr_fixes"]:
        wrong_token = fix["wrong"]
        hits = [p for p in shown if p.original == wrong_token and _in_context(ru, p, fix["context"])]
        if hits:
            found += 1
            ok = hits[0].suggestion.replace(" ", "") == fix["fix"].replace(" ", "")
            right, wrong = right + ok, wrong + (not ok)
    assert right / max(1, right + wrong) >= 0.95
    assert found / len(gold["ocr_fixes"]) >= 0.3


def _in_context(ru, p, context: str) -> bool:
    seg = next(s for s in ru if s.id == p.segment)
    ctx = re.sub(r"</?u>", "", context)
    at = seg.text.find(ctx)
    return at >= 0 and at <= p.start < at + len(ctx)


# --- evidence from the aligned English ----------------------------------------------------------


def test_an_english_name_fixes_its_garbled_transliteration(corrector):
    ru, en, links = segs(
        "Переводили т.т.Седоренко и Ши Чжэ.", "Interpreters: comrades Fedorenko and Shi Zhe."
    )
    p = by_original(corrector.propose(ru, en, links), threshold=0.0)["Седоренко"]
    assert p.suggestion == "Федоренко"
    assert any("Fedorenko" in r for r in p.reasons)


def test_pinyin_given_name_fixes_the_first_syllable(corrector):
    ru, en, links = segs(
        "С китайской стороны т.т.Чэнь Юнь, Ли Ту-чунь.", "On the Chinese side: Chen Yun, Li Fuchun."
    )
    assert by_original(corrector.propose(ru, en, links), threshold=0.0)["Ту-чунь"].suggestion == "Фу-чунь"


def test_a_number_is_fixed_only_with_the_english_number(corrector):
    text = "Китайцы предполагают закончить дорогу к июню 1355 года."
    ru, en, links = segs(text, "The Chinese plan to finish the road by June 1955.")
    fix = by_original(corrector.propose(ru, en, links), threshold=0.0)["1355"]
    assert fix.suggestion == "1955"
    assert fix.confidence < DEFAULT_THRESHOLD  # a valid year, an edit OCR is not known for: the editor checks
    ru, en, links = segs(text, "The Chinese plan to finish the road by June 1955.", linked=False)
    assert "1355" not in {p.original for p in corrector.propose(ru, en, links)}


def test_real_words_are_not_changed_without_evidence(corrector):
    ru, en, links = segs("Вопрос о поставках оборудования для битая остается открытым.")
    assert "битая" not in {p.original for p in corrector.propose(ru, en, links)}


def test_corrector_pickles_without_its_lexicon(corrector):
    data = pickle.dumps(corrector)
    assert len(data) < 10_000
    clone = pickle.loads(data)
    assert clone.config == corrector.config and clone._lexicon is None


def test_process_fills_result_proposals_with_english_evidence(seed_results):
    """The pipeline's proposals use the aligner's links: the English fixes the names and the year."""
    result = seed_results[SEED_FILES[0].stem]
    assert result.proposals
    for p in result.proposals:
        assert result.segment(p.segment).text[p.start : p.end] == p.original
    shown = by_original(result.proposals, threshold=0.0)
    assert shown["Гедоренко"].suggestion == "Федоренко"
    assert shown["1355"].suggestion == "1955"


# --- grammar: agreement decides between forms, and exposes real-word errors --------------------


def test_grammar_fit_follows_government_and_agreement(corrector):
    lexicon = corrector.lexicon
    after_k = Neighbours(left="к", right=None)
    assert grammar_fit("июню", after_k, lexicon) > 0  # к + dative
    assert grammar_fit("имею", after_k, lexicon) == -1  # a verb cannot follow a preposition
    after_we = Neighbours(left="мы", right=None)
    assert grammar_fit("будем", after_we, lexicon) > 0
    assert grammar_fit("будет", after_we, lexicon) == -1
    before_roads = Neighbours(left=None, right="заводы")
    assert grammar_fit("автомобильные", before_roads, lexicon) > 0
    assert grammar_fit("автомобильная", before_roads, lexicon) == -1
    assert grammar_fit("вопрос", Neighbours(left=None, right=None), lexicon) == 0  # no rule applies
    assert grammar_fit("деле", Neighbours(left=None, right=None, opens=True), lexicon) == -1  # no preposition


def test_grammar_picks_the_form_frequency_would_get_wrong(corrector):
    ru, en, links = segs("Китайцы предполагают закончить дорогу к имню 1955 года. Мы буден посылать моторы.")
    shown = by_original(corrector.propose(ru, en, links), threshold=0.2)
    assert shown["имню"].suggestion == "июню"  # not "имею", one edit away too and more frequent
    assert shown["буден"].suggestion == "будем"  # not "будет"
    assert any("agrees grammatically" in r for r in shown["буден"].reasons)


def test_a_word_in_a_case_its_preposition_does_not_govern_is_corrected_to_its_own_form(corrector):
    text = "Инициатива о продления срока принадлежит им. Он говорит о громадном внимания в Китае."
    ru, en, links = segs(text)
    shown = by_original(corrector.propose(ru, en, links))
    assert shown["продления"].suggestion == "продлении"
    assert shown["внимания"].suggestion == "внимании"


def test_good_russian_that_looks_like_disagreement_is_left_alone(corrector):
    text = (
        "Правительство считает целесообразным продление переговоров. Построено два сборочных завода. "
        "Это сила. Он работает с корейскими товарищами."
    )
    ru, en, links = segs(text)
    assert not {p.original for p in corrector.propose(ru, en, links) if p.confidence >= DEFAULT_THRESHOLD}


def test_a_garbled_pronoun_before_its_verb_is_restored(corrector):
    ru, en, links = segs("Ми поможем построить такие заводы. Автомобильные заводы ми превратили в танковые.")
    shown = by_original(corrector.propose(ru, en, links), threshold=0.0)
    assert shown["Ми"].suggestion == "Мы"
    assert shown["ми"].suggestion == "мы"


def test_a_document_name_written_in_lower_case_is_capitalised(corrector):
    text = "Чжоу говорит. Чжоу спрашивает. Чжоу отвечает. Затем чжоу сообщает, что они хотели."
    ru, en, links = segs(text)
    assert by_original(corrector.propose(ru, en, links))["чжоу"].suggestion == "Чжоу"
    ru, en, links = segs("Дело идет. Дело стоит. Дело сделано. Это наше дело.")
    assert "дело" not in {p.original for p in corrector.propose(ru, en, links)}


def test_a_preposition_before_a_verb_is_read_as_a_particle_and_grammar_alone_is_never_applied(corrector):
    ru, en, links = segs("Это будет скорее. По мы считаем, что нельзя ждать. Говорит, что из можем помочь.")
    proposals = corrector.propose(ru, en, links)
    emitted = {p.original: p for p in proposals}
    assert emitted["По"].suggestion == "Но"  # п->н: a typical misreading
    # "и"? "мы"? grammar only says "из" is wrong: never applied (emitted below the threshold, or not at all)
    assert "из" not in emitted or emitted["из"].confidence < DEFAULT_THRESHOLD
