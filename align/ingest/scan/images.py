"""Page images: checked and measured with Pillow before Tesseract sees them, multi-page TIFFs split.

Tesseract's own message for a file it cannot read is a leptonica trace over several lines; Pillow
reads the file first so that a truncated or mislabelled page gives one line naming it. Pillow also
gives the page's size in pixels, which the word boxes are in. A multi-page TIFF (the usual fax and
archive format) becomes one PNG per page in the run's page folder, so that every ``Page.image`` is one
page a browser can show.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from align.atomic import write_bytes_atomic
from align.errors import InputError
from align.ingest.ocr_pages import OcrWord


@dataclass(frozen=True)
class PageImage:
    """One page as an image file, ready for Tesseract (or already read, from a PDF's text layer)."""

    number: int  # 1-based page number in the document
    path: Path  # the image Tesseract reads and the review app crops
    width: int  # pixels
    height: int
    dpi: int | None = None  # known resolution (a rendered PDF page); None: Tesseract estimates it
    words: tuple[OcrWord, ...] | None = None  # a PDF text layer's words; None: OCR the image


def rendered_path(pages_dir: Path, number: int) -> Path:
    """Where page ``number`` of a document is written when it has to be rendered or split."""
    return pages_dir / f"page-{number}.png"


def save_png(image: Image.Image, path: Path) -> Path:
    """Write ``image`` as PNG without a half-written file left behind if the run is killed."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return write_bytes_atomic(path, buffer.getvalue())


def _frames(image: Image.Image) -> int:
    """Pages in the file: a TIFF may hold several; another format's frames (an animated PNG) are not pages."""
    return int(getattr(image, "n_frames", 1) or 1) if image.format == "TIFF" else 1


def image_pages(path: Path, first: int, pages_dir: Path) -> list[PageImage]:
    """The pages of one image file, numbered from ``first``; a multi-page TIFF is split into PNGs.

    InputError naming the file when Pillow cannot decode it (not an image, truncated, too large).
    """
    try:
        with Image.open(path) as image:
            frames = _frames(image)
            if frames == 1:
                image.load()  # decodes the whole file: a truncated page fails here, not in Tesseract
                return [PageImage(first, Path(path).resolve(), image.width, image.height)]
            pages = []
            for k in range(frames):
                image.seek(k)
                out = save_png(image.copy(), rendered_path(pages_dir, first + k))
                pages.append(PageImage(first + k, out.resolve(), image.width, image.height))
            return pages
    except (OSError, Image.DecompressionBombError) as exc:  # UnidentifiedImageError is an OSError
        raise InputError(f"{path}: not a readable page image ({_reason(exc)})") from None


def _reason(exc: BaseException) -> str:
    """The first line of Pillow's message, without the path it repeats."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text.split(" '")[0].strip() or type(exc).__name__
