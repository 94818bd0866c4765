"""The name check's linear parts (issue 17): the same answers as the brute force on small inputs, and
windows that change nothing in a paragraph pair of normal size but keep a huge pair's names local."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from align.audit import audit_document
from align.audit.name_inventory import NameInventory, name_key
from align.audit.names import _best_sorted
from align.audit.positions import BLOCK_CHARS, LinkAxis, Nearby
from align.audit.units import link_views
from align.model import Link, Segment, Sentence, SentenceLink


def naive_best(candidates, keys):
    """``names._best`` before issue 17: every candidate against every key, in Python."""
    best = (0.0, "")
    for c in candidates:
        for k in sorted(keys):
            score = fuzz.ratio(c, k)
            if score > best[0]:
                best = (score, k)
    return best


words = st.text(alphabet="abcz", max_size=5)


@given(st.lists(words, max_size=4), st.sets(words, max_size=12))
@settings(max_examples=800, deadline=None)
def test_the_closest_key_is_the_one_the_python_scan_chose(candidates, keys):
    assert _best_sorted(candidates, sorted(keys)) == naive_best(candidates, keys)


def naive_usual_form(word: str, inventory: dict[str, Counter], min_count: int = 3) -> str | None:
    """``names.usual_form`` before issue 17: every form of the document compared with the word."""
    key = name_key(word)
    own = sum(inventory.get(key, Counter()).values())
    best = None
    for form, surfaces in inventory.items():
        n = sum(surfaces.values())
        usual = surfaces.most_common(1)[0][0]
        distance = Levenshtein.distance(key, form)
        if n < min_count or usual.lower() == word.lower() or distance > 1 or (distance == 1 and n <= own):
            continue
        if best is None or n > best[0]:
            best = (n, usual)
    return best[1] if best else None


names = st.text(alphabet="ЭньлдаЛ-", min_size=1, max_size=6)


@given(st.lists(st.tuples(names, st.integers(1, 6)), max_size=25), st.lists(names, max_size=10))
@settings(max_examples=600, deadline=None)
def test_the_usual_form_is_the_one_the_scan_over_the_inventory_found(seen, asked):
    forms: dict[str, Counter] = {}
    for word, n in seen:
        forms.setdefault(name_key(word), Counter())[word] += n
    inventory = NameInventory(forms)
    for word in asked + [w for w, _ in seen]:
        assert inventory.usual_form(word) == naive_usual_form(word, forms), word


def _segment(doc: str, lang: str, sentences: list[str]) -> Segment:
    text, parts = "", []
    for s in sentences:
        start = len(text) + (1 if text else 0)
        text = f"{text} {s}" if text else s
        parts.append(Sentence(f"{doc}/{lang}@0.{start}", start, start + len(s), s))
    return Segment(f"{doc}/{lang}@0", lang, text, 0, len(text), sentences=tuple(parts))


def _pair(ru_sentences: list[str], en_sentences: list[str]) -> tuple[Segment, Segment, Link]:
    ru, en = _segment("d", "ru", ru_sentences), _segment("d", "en", en_sentences)
    pairs = tuple(
        SentenceLink((r.id,), (e.id,), 0.9) for r, e in zip(ru.sentences, en.sentences, strict=True)
    )
    return ru, en, Link((ru.id,), (en.id,), 0.9, sentences=pairs)


@given(st.lists(st.tuples(st.integers(1, 400), st.integers(1, 400)), min_size=1, max_size=40), st.data())
@settings(max_examples=300, deadline=None)
def test_every_window_of_a_pair_of_normal_size_holds_all_its_words(lengths, data):
    ru, en, link = _pair(["я" * r for r, _ in lengths], ["e" * e for _, e in lengths])
    (view,) = link_views([ru], [en], [link])
    axis = LinkAxis(view)
    entries = [(axis.en(en.id, o)[0], f"k{o}") for o in range(0, len(en.text), 97)]
    nearby = Nearby(entries)
    everything = sorted({k for _, k in entries})
    for offset in data.draw(st.lists(st.integers(0, len(ru.text)), max_size=10)):
        position, window = axis.ru(ru.id, offset)
        assert 0 <= position <= len(en.text)
        assert len(en.text) >= 2 * BLOCK_CHARS or nearby.keys(window) == everything
    for offset in data.draw(st.lists(st.integers(0, len(en.text)), max_size=10)):
        assert len(en.text) >= 2 * BLOCK_CHARS or nearby.keys(axis.en(en.id, offset)[1]) == everything


def _filler(i: int, lang: str) -> str:
    return f"[{i}] Встреча прошла в тёплой обстановке." if lang == "ru" else f"[{i}] The meeting was warm."


def test_a_huge_pair_compares_a_name_with_its_own_sentences_and_not_the_far_end():
    # 3,000 sentences a side (about 100,000 characters of Russian): one paragraph pair
    n = 3000
    ru_sentences = [_filler(i, "ru") for i in range(n)]
    en_sentences = [_filler(i, "en") for i in range(n)]
    ru_sentences[1500] = "[1500] Об этом сказал Чжоу Энь-лай на встрече."
    en_sentences[1500] = "[1500] Zhou Enlai said so at the meeting."
    ru_sentences[10] = "[10] Об этом сказал Пэн Дэ-хуай на встрече."
    en_sentences[10] = "[10] So it was said at the meeting."
    en_sentences[2900] = "[2900] So said Peng Dehuai, far from the Russian."
    ru, en, link = _pair(ru_sentences, en_sentences)
    flags = [f for f in audit_document("d", [ru], [en], [link]) if f.kind == "name"]
    assert not any("Энь-лай" in f.message or "Zhou" in f.message for f in flags)
    assert any("Дэ-хуай" in f.message for f in flags)  # its counterpart is 90,000 characters away
    assert any("Peng Dehuai" in f.message for f in flags)


def test_a_pair_of_normal_size_still_finds_a_name_anywhere_in_it():
    ru_sentences = [_filler(i, "ru") for i in range(40)]
    en_sentences = [_filler(i, "en") for i in range(40)]
    ru_sentences[2] = "[2] Об этом сказал Пэн Дэ-хуай на встрече."
    en_sentences[38] = "[38] So said Peng Dehuai."
    ru, en, link = _pair(ru_sentences, en_sentences)
    assert not [f for f in audit_document("d", [ru], [en], [link]) if f.kind == "name"]
