"""The scan beside a fix: a proposal's boxes, its line cut from the page, the crop cache, the store.

On a 400 x 200 page image the test writes (tests/scan_samples.py): "втарой" is the second word of
line 0, so its crop is line 0 with that word outlined in the Editor's blue.
"""

from __future__ import annotations

import io
import os
from dataclasses import replace

import pytest
from PIL import Image

from align.errors import InputError
from correct.review.scan_boxes import page_marks, proposal_spot, span_words, union, widen
from correct.review.scan_crops import (
    MARGIN,
    OUTLINE,
    CropCache,
    crop_image,
    line_crop,
    page_picture,
    page_size,
)
from correct.review.store import Store
from tests.scan_samples import DOC, LAYOUT, scan_result, write_page
from tests.test_store_data import tiny_result


@pytest.fixture
def page(tmp_path):
    return write_page(tmp_path / "scan" / "page-1.png")


def test_a_proposal_has_its_words_boxes_and_its_lines_box(page):
    result = scan_result(page)
    first, second = result.proposals
    spot = proposal_spot(result, first)
    assert spot.page.number == 1 and spot.words == (LAYOUT[1][2],)
    assert spot.line == (20, 20, 250, 40)  # the three words of line 0, not line 1
    assert proposal_spot(result, second).line == (20, 60, 190, 80)
    segment = result.ru[0]
    assert [w.box for w in span_words(segment, 5, 9)] == [LAYOUT[0][2], LAYOUT[1][2]]  # across a space
    assert [w.box for w in span_words(segment, 7, 7)] == [LAYOUT[1][2]]  # an insertion: the word it touches
    assert union([(5, 6, 7, 8), (1, 9, 4, 10)]) == (1, 6, 7, 10)


def test_a_text_only_document_has_no_spot():
    result = tiny_result()
    assert proposal_spot(result, result.proposals[0]) is None
    assert page_marks(result, result.proposals, 1) == []


def test_page_marks_give_every_proposals_boxes_on_that_page_only(page):
    result = scan_result(page)
    marks = page_marks(result, result.proposals, 1)
    assert [(m.n, m.box) for m in marks] == [(0, LAYOUT[1][2]), (1, LAYOUT[4][2])]
    assert marks[0].proposal == result.proposals[0].id
    assert page_marks(result, result.proposals, 2) == []


def test_widen_adds_a_margin_and_stays_on_the_page():
    assert widen((20, 20, 250, 40), 400, 200, 0.4) == (12, 12, 258, 48)
    assert widen((0, 0, 400, 200), 400, 200, 0.4) == (0, 0, 400, 200)


def test_the_crop_is_the_line_enlarged_with_the_word_outlined(page):
    result = scan_result(page)
    spot = proposal_spot(result, result.proposals[0])
    crop = crop_image(Image.open(page), spot)
    pad = round(20 * MARGIN)  # the line is 20 px high
    zoom = 2.5  # a 246 px region would be 3.7x at 900 px: capped
    assert crop.size == (round((230 + 2 * pad) * zoom), round((20 + 2 * pad) * zoom))
    left = round((100 - (20 - pad)) * zoom) - 2  # the outline, 2 px outside the word
    middle = round((30 - (20 - pad)) * zoom)
    assert crop.getpixel((left + 1, middle)) == OUTLINE
    assert crop.getpixel((left + 10, middle)) == (0, 0, 0)  # the word's ink inside it
    first_word = round((40 - (20 - pad)) * zoom)
    assert crop.getpixel((first_word, middle)) == (0, 0, 0)  # the line's other words are there too
    assert OUTLINE not in {crop.getpixel((x, middle)) for x in range(0, left - 2)}  # and not outlined


def test_boxes_follow_an_image_of_another_size_than_the_ocr_measured(tmp_path, page):
    """An OCR file's boxes are in its own page size; the image given may be a rescan at double size."""
    big = write_page(tmp_path / "big" / "page-1.png", size=(800, 400))
    small = crop_image(Image.open(page), proposal_spot(scan_result(page), scan_result(page).proposals[0]))
    result = scan_result(big, page_size=(400, 200))
    large = crop_image(Image.open(big), proposal_spot(result, result.proposals[0]), width=small.width)
    assert large.size == small.size
    assert large.getpixel((small.width // 2, small.height // 2)) == small.getpixel(
        (small.width // 2, small.height // 2)
    )


def test_line_crop_is_png_and_cached_until_the_image_changes(tmp_path, page):
    result = scan_result(page)
    cache = CropCache(tmp_path / "crops")
    spot = proposal_spot(result, result.proposals[0])
    png = line_crop(spot, cache)
    assert Image.open(io.BytesIO(png)).format == "PNG" and len(list(cache.folder.iterdir())) == 1
    assert line_crop(spot, cache) == png and len(list(cache.folder.iterdir())) == 1
    line_crop(proposal_spot(result, result.proposals[1]), cache)  # another box: another crop
    assert len(list(cache.folder.iterdir())) == 2
    Image.new("L", (400, 200), 128).save(page)  # the scan replaced: its crops are made again
    os.utime(page, ns=(10**18, 10**18))
    again = line_crop(spot, cache)
    assert again != png and len(list(cache.folder.iterdir())) == 3


def test_the_cache_drops_the_least_recently_used_beyond_its_size(tmp_path):
    cache = CropCache(tmp_path / "crops", max_files=3)
    for n, key in enumerate("abc"):
        cache.get_or_make(key, lambda key=key: key.encode())
        os.utime(cache.folder / f"{key}.png", ns=((n + 1) * 10**9, (n + 1) * 10**9))
    assert cache.get_or_make("a", lambda: b"never made") == b"a"  # a hit touches "a": now the newest
    cache.get_or_make("d", lambda: b"d")
    assert sorted(p.stem for p in cache.folder.iterdir()) == ["a", "c", "d"]


def test_an_unwritable_cache_folder_still_gives_the_crop(tmp_path, page):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    result = scan_result(page)
    png = line_crop(proposal_spot(result, result.proposals[0]), CropCache(blocked))
    assert Image.open(io.BytesIO(png)).format == "PNG"


def test_a_missing_or_unnamed_page_image_is_a_one_line_error(tmp_path):
    cache = CropCache(tmp_path / "crops")
    result = scan_result(tmp_path / "moved.png")
    with pytest.raises(InputError, match="moved.png: the page image is not there"):
        line_crop(proposal_spot(result, result.proposals[0]), cache)
    pages = (replace(result.document.pages[0], image=""),)
    unnamed = replace(result, document=replace(result.document, pages=pages))
    with pytest.raises(InputError, match="page 1: the OCR file names no page image"):
        line_crop(proposal_spot(unnamed, unnamed.proposals[0]), cache)
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(InputError, match="broken.png: not a readable page image"):
        line_crop(proposal_spot(scan_result(tmp_path / "broken.png"), result.proposals[0]), cache)


def test_the_page_picture_is_the_page_at_the_page_views_size(tmp_path, page):
    result = scan_result(page)
    picture = Image.open(io.BytesIO(page_picture(result.document.pages[0], CropCache(tmp_path / "c"))))
    assert picture.format == "JPEG" and picture.size == page_size(result.document.pages[0]) == (800, 400)


def test_the_store_keeps_the_pages_and_the_words(tmp_path, page):
    result = scan_result(page)
    store = Store(tmp_path / "review.db", create=True)
    store.import_result(result)
    back = store.review(DOC).result
    assert back.document.pages == result.document.pages
    assert back.ru[0].words == result.ru[0].words
    assert proposal_spot(back, back.proposals[0]) == proposal_spot(result, result.proposals[0])
