"""The scan beside a fix: a proposal's line cut from its page image, and the page downscaled.

The Editor shows, above a proposal's diff, the line of the scan it is on with the proposal's
word(s) outlined, so that the editor reads what the page says instead of trusting the OCR. Only the
line is sent to the browser, never the full page: a 300-dpi page is megabytes, a line crop a few
kilobytes. Crops are kept in a small on-disk cache (:class:`CropCache`) keyed by the image file,
its modification time, the boxes and the size, so a key press that comes back to a proposal costs
a file read. Drawing (:func:`crop_image`, :func:`page_image`) is pure Pillow on an image in
memory; :func:`line_crop` and :func:`page_picture` read the file and use the cache.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from align.atomic import write_bytes_atomic
from align.errors import InputError
from align.model import Page
from correct.review.scan_boxes import Box, ScanSpot, widen

log = logging.getLogger(__name__)

DISPLAY_WIDTH = 900  # pixels: a crop's widest, about the Editor card's width on a laptop screen
MAX_ZOOM = 2.5  # a 72-dpi scan's line is 12 px high; enlarging it more only blurs it
MARGIN = 0.4  # of the line's height, around the line: its ascenders, descenders and some paper
PAGE_WIDTH = 800  # pixels: the page view's width (the page is downscaled to it, or enlarged 2x at most)
MAX_PAGE_ZOOM = 2.0
OUTLINE = (31, 111, 235)  # the Editor's focus colour (#1f6feb, ui/app_pages/common.py STYLE)
OUTLINE_PX = 3  # drawn after scaling, so it is as thick on every crop
CACHE_FILES = 2000  # crops kept on disk; the least recently used go first (a crop is 2-30 kB)
VERSION = "1"  # part of every cache key: a change in drawing makes old crops unreachable


@dataclass(frozen=True)
class CropCache:
    """Crops on disk, one file per key, least recently used evicted beyond ``max_files``.

    A read touches the file's modification time, so that eviction by oldest time is LRU. Several
    app sessions share the folder: writes are atomic and a file evicted under a reader is a miss.
    """

    folder: Path
    max_files: int = CACHE_FILES

    def key(self, image: Path, *parts: object) -> str:
        """The key of a crop of ``image``: its resolved path, modification time and size, and ``parts``
        (the boxes, the display size)."""
        stat = image.stat()
        text = repr((VERSION, str(image.resolve()), stat.st_mtime_ns, stat.st_size, *parts))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def get_or_make(self, key: str, make: Callable[[], bytes], suffix: str = ".png") -> bytes:
        """The cached bytes of ``key``, else ``make()``, stored. A folder that cannot be written only
        means no caching (logged), never a failed page."""
        path = self.folder / f"{key}{suffix}"
        try:
            data = path.read_bytes()
            os.utime(path)
            return data
        except OSError:  # not cached, evicted meanwhile, or the folder is unusable: make it
            pass
        data = make()
        try:
            write_bytes_atomic(path, data)
            self._evict()
        except OSError as exc:
            log.warning("scan crops are not cached in %s: %s", self.folder, exc)
        return data

    def _evict(self) -> None:
        files = [p for p in self.folder.iterdir() if p.suffix in (".png", ".jpg")]
        if len(files) <= self.max_files:
            return
        files.sort(key=_mtime)
        for old in files[: len(files) - self.max_files]:
            old.unlink(missing_ok=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:  # evicted by another session meanwhile
        return 0


def crop_cache(store_path: Path) -> CropCache:
    """The cache of a review store's crops: ``.cache/scan-crops/`` beside the database (as
    ``workbench process`` keeps its own cache in ``OUT/.cache``)."""
    return CropCache(Path(store_path).parent / ".cache" / "scan-crops")


def _scaled(box: Box, sx: float, sy: float) -> Box:
    return (round(box[0] * sx), round(box[1] * sy), round(box[2] * sx), round(box[3] * sy))


def _page_scale(image: Image.Image, page: Page) -> tuple[float, float]:
    """Box units -> the file's pixels: 1 unless the file is not the size the OCR measured it at."""
    return image.width / (page.width or image.width), image.height / (page.height or image.height)


def crop_image(image: Image.Image, spot: ScanSpot, width: int = DISPLAY_WIDTH) -> Image.Image:
    """The line region of ``spot`` (with a margin) from its page ``image``, scaled to at most ``width``
    pixels (enlarged ``MAX_ZOOM`` times at most), the proposal's word boxes outlined. RGB."""
    sx, sy = _page_scale(image, spot.page)
    region = widen(_scaled(spot.line, sx, sy), image.width, image.height, MARGIN)
    piece = image.crop(region).convert("RGB")
    zoom = min(width / max(piece.width, 1), MAX_ZOOM)
    size = (max(1, round(piece.width * zoom)), max(1, round(piece.height * zoom)))
    piece = piece.resize(size, Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(piece)
    for box in spot.words:  # into the crop's pixels, 2 px outside the word so the ink stays readable
        x0, y0, x1, y1 = _scaled(box, sx, sy)
        left, top = (x0 - region[0]) * zoom - 2, (y0 - region[1]) * zoom - 2
        right, bottom = (x1 - region[0]) * zoom + 2, (y1 - region[1]) * zoom + 2
        draw.rectangle((left, top, right, bottom), outline=OUTLINE, width=OUTLINE_PX)
    return piece


def page_size(page: Page, width: int = PAGE_WIDTH) -> tuple[int, int]:
    """The page view's size in pixels: ``width`` wide (enlarged ``MAX_PAGE_ZOOM`` times at most)."""
    zoom = min(width / max(page.width, 1), MAX_PAGE_ZOOM)
    return max(1, round(page.width * zoom)), max(1, round(page.height * zoom))


def page_image(image: Image.Image, page: Page, width: int = PAGE_WIDTH) -> Image.Image:
    """The whole page at the page view's size (greyscale pages stay greyscale: a smaller file)."""
    mode = "L" if image.mode in ("1", "L", "LA", "I", "I;16") else "RGB"
    return image.convert(mode).resize(page_size(page, width), Image.Resampling.LANCZOS)


def encoded(image: Image.Image, fmt: str = "PNG") -> bytes:
    """The image as file bytes (PNG, or JPEG for a whole page: a tenth of the size of a noisy PNG)."""
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def page_file(page: Page) -> Path:
    """The page's image file; InputError when there is none to show (no name, moved, deleted)."""
    if not page.image:
        raise InputError(f"page {page.number}: the OCR file names no page image")
    path = Path(page.image)
    if not path.is_file():
        raise InputError(f"{path}: the page image is not there (moved or deleted since processing?)")
    return path


def _open(path: Path) -> Image.Image:
    try:
        with Image.open(path) as image:
            return image.copy()  # decoded now: a truncated file fails here, and the file is closed
    except (OSError, Image.DecompressionBombError) as exc:  # UnidentifiedImageError is an OSError
        raise InputError(f"{path}: not a readable page image ({str(exc).splitlines()[0]})") from None


def line_crop(spot: ScanSpot, cache: CropCache, width: int = DISPLAY_WIDTH) -> bytes:
    """PNG bytes of :func:`crop_image` for ``spot``, read through the cache. InputError (one line,
    naming the file) when the page image is missing or unreadable."""
    path = page_file(spot.page)
    key = cache.key(path, "line", spot.line, spot.words, width, spot.page.width, spot.page.height)
    return cache.get_or_make(key, lambda: encoded(crop_image(_open(path), spot, width)))


def page_picture(page: Page, cache: CropCache, width: int = PAGE_WIDTH) -> bytes:
    """JPEG bytes of the whole page at :func:`page_size`, read through the cache; InputError as
    :func:`line_crop`."""
    path = page_file(page)
    key = cache.key(path, "page", page_size(page, width))
    return cache.get_or_make(key, lambda: encoded(page_image(_open(path), page, width), "JPEG"), ".jpg")
