"""The Russian names of a document and their usual spellings, to tell an OCR slip from another name.

"Энь-дай" next to forty "Энь-лай" is a misread; a name spelt the same way every time is not. The
name check asks this of every mismatching name: compared with every name of the document, that
was quadratic in a long document with many names (issue 17). The forms are indexed by their
one-letter deletions (Garbe's symmetric delete: two keys one edit apart share a deletion or are
one another's), so each question looks only at the forms one edit away.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from align.audit.units import LinkView, Piece
from align.language.name_candidates import ru_names

ENDING = re.compile(r"(?:ем|ом|ой|[аеиоуыэюяйь])+$")


def name_key(word: str) -> str:
    """A declension-blind key: lower case without final vowels and case endings ("Цзе-дуна" -> "цзе-дун")."""
    return ENDING.sub("", word.lower().replace("ё", "е"))


def _deletions(key: str) -> set[str]:
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


class NameInventory:
    """The Russian names of the document: ``forms`` is {``name_key``: Counter of the surface forms}.

    It also keeps each Russian piece's name candidates (``names_in``), so that the name check
    does not read them a second time.
    """

    def __init__(
        self,
        forms: dict[str, Counter],
        names: dict[tuple[str, int, int], list[tuple[int, int, str]]] | None = None,
    ) -> None:
        self.forms = forms
        self._names = names if names is not None else {}
        self._order = {form: i for i, form in enumerate(forms)}
        self._by_deletion: dict[str, list[str]] = {}
        for form in forms:
            for variant in _deletions(form):
                self._by_deletion.setdefault(variant, []).append(form)
        self._usual: dict[tuple[str, int], str | None] = {}

    @classmethod
    def of_views(cls, views: tuple[LinkView, ...]) -> NameInventory:
        """The names of every Russian paragraph of the document's links."""
        forms: dict[str, Counter] = {}
        names: dict[tuple[str, int, int], list[tuple[int, int, str]]] = {}
        for view in views:
            for piece in view.paragraph_pair.ru:
                found = names.setdefault((piece.segment, piece.start, piece.end), ru_names(piece.text))
                for _s, _e, word in found:
                    forms.setdefault(name_key(word), Counter())[word] += 1
        return cls(forms, names)

    def names_in(self, piece: Piece) -> list[tuple[int, int, str]]:
        """``ru_names`` of a piece's text, read once per piece."""
        key = (piece.segment, piece.start, piece.end)
        if key not in self._names:
            self._names[key] = ru_names(piece.text)
        return self._names[key]

    def usual_form(self, word: str, min_count: int = 3) -> str | None:
        """The document's usual spelling of this name when ``word`` is one OCR slip away from it.

        The form seen most often (``min_count`` times at least) among those at most one edit from
        the word's key, other than the word itself, and seen more often than the word's own key
        when one edit away; the first such form in document order on a tie.
        """
        if (word, min_count) not in self._usual:
            self._usual[word, min_count] = self._find_usual(word, min_count)
        return self._usual[word, min_count]

    def _find_usual(self, word: str, min_count: int) -> str | None:
        key = name_key(word)
        own = sum(self.forms.get(key, Counter()).values())
        near = {form for variant in _deletions(key) for form in self._by_deletion.get(variant, ())}
        best: tuple[int, str] | None = None
        for form in sorted(near, key=self._order.__getitem__):
            surfaces = self.forms[form]
            n = sum(surfaces.values())
            usual = surfaces.most_common(1)[0][0]
            distance = Levenshtein.distance(key, form)
            if n < min_count or usual.lower() == word.lower() or distance > 1 or (distance == 1 and n <= own):
                continue
            if best is None or n > best[0]:
                best = (n, usual)
        return best[1] if best else None
