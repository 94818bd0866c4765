"""Small OCR files of one page in each format the workbench reads, as their engines write them.

One page of two paragraphs: the first runs over two lines with a word hyphenated at the line end
("пере-" / "ходит"), the second holds "1955" read with a low confidence. Each writer puts the same
words, boxes and confidences into its format (ALTO v2/v3/v4, PAGE 2013/2019, hOCR), so that a test
can check that every reader gives the same words back.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

LINES = (  # (block, line text)
    (0, "Первая строка абзаца, который пере-"),
    (0, "ходит на вторую строку."),
    (1, "Второй абзац 1955 года."),
)
ENGLISH = "The first line of a paragraph that goes on to the second line.\n\nThe second paragraph of 1955.\n"
CHAR, SPACE, LEFT, TOP, HEIGHT, STEP = 12, 14, 100, 100, 30, 50  # pixels
WIDTH_PX, HEIGHT_PX = 1000, 1400
LOW = {"1955": 0.42}  # word -> confidence; the others 0.9


Lines = tuple[tuple[int, str], ...]


def words(line: int, lines: Lines = LINES) -> list[tuple[str, tuple[int, int, int, int], float]]:
    """(text, box, confidence) of each word of a line."""
    out, x, y = [], LEFT, TOP + STEP * line
    for word in lines[line][1].split():
        out.append((word, (x, y, x + CHAR * len(word), y + HEIGHT), LOW.get(word, 0.9)))
        x += CHAR * len(word) + SPACE
    return out


def line_box(line: int, lines: Lines = LINES) -> tuple[int, int, int, int]:
    boxes = [b for _w, b, _c in words(line, lines)]
    return boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3]


ALTO_NS = {2: "http://www.loc.gov/standards/alto/ns-v2#", 3: "http://www.loc.gov/standards/alto/ns-v3#",
           4: "http://www.loc.gov/standards/alto/ns-v4#"}  # fmt: skip


def _hvwh(box: tuple[int, int, int, int]) -> str:
    x0, y0, x1, y1 = box
    return f'HPOS="{x0}" VPOS="{y0}" WIDTH="{x1 - x0}" HEIGHT="{y1 - y0}"'


def _alto_line(line: int, lines: Lines) -> str:
    parts = []
    for k, (word, box, conf) in enumerate(words(line, lines)):
        hyphen = word.endswith("-")
        text = word[:-1] if hyphen else word
        if k:
            parts.append(f'<SP WIDTH="{SPACE}" HPOS="{box[0] - SPACE}" VPOS="{box[1]}"/>')
        parts.append(f'<String ID="s{line}_{k}" CONTENT={quoteattr(text)} {_hvwh(box)} WC="{conf}"/>')
        if hyphen:
            parts.append('<HYP CONTENT="-"/>')
    return f'<TextLine ID="l{line}" {_hvwh(line_box(line, lines))}>{"".join(parts)}</TextLine>'


def alto(version: int, image: str = "page1.png", lines: Lines = LINES) -> str:
    """An ALTO file of the page (as ABBYY FineReader or Tesseract write them)."""
    blocks = []
    for block in (0, 1):
        inner = "".join(_alto_line(n, lines) for n, (b, _t) in enumerate(lines) if b == block)
        blocks.append(
            f'<TextBlock ID="b{block}" HPOS="90" VPOS="90" WIDTH="800" HEIGHT="200">{inner}</TextBlock>'
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{ALTO_NS[version]}" xmlns:xlink="http://www.w3.org/1999/xlink">
  <Description>
    <MeasurementUnit>pixel</MeasurementUnit>
    <sourceImageInformation><fileName>{image}</fileName></sourceImageInformation>
  </Description>
  <Layout>
    <Page ID="p1" PHYSICAL_IMG_NR="1" WIDTH="{WIDTH_PX}" HEIGHT="{HEIGHT_PX}">
      <PrintSpace HPOS="0" VPOS="0" WIDTH="{WIDTH_PX}" HEIGHT="{HEIGHT_PX}">{"".join(blocks)}</PrintSpace>
    </Page>
  </Layout>
</alto>
"""


def _points(box: tuple[int, int, int, int]) -> str:
    x0, y0, x1, y1 = box
    return f'<Coords points="{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}"/>'


def _page_line(line: int, with_words: bool) -> str:
    inner = ""
    if with_words:
        inner = "".join(
            f'<Word id="w{line}_{k}">{_points(box)}'
            f'<TextEquiv conf="{conf}"><Unicode>{word}</Unicode></TextEquiv></Word>'
            for k, (word, box, conf) in enumerate(words(line))
        )
    text = f"<TextEquiv><Unicode>{LINES[line][1]}</Unicode></TextEquiv>"
    return f'<TextLine id="l{line}">{_points(line_box(line))}{inner}{text}</TextLine>'


def page_xml(version: str, words_in_line: tuple[bool, ...] = (True, True, True)) -> str:
    """A PAGE file of the page; its regions written second paragraph first, the reading order fixing it."""
    regions = []
    for block in (1, 0):
        lines = "".join(_page_line(n, words_in_line[n]) for n, (b, _t) in enumerate(LINES) if b == block)
        regions.append(
            f'<TextRegion id="r{block}" type="paragraph">{_points((90, 90, 890, 290))}{lines}</TextRegion>'
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/{version}">
  <Metadata><Creator>test</Creator><Created>2020-01-01T00:00:00</Created>
    <LastChange>2020-01-01T00:00:00</LastChange></Metadata>
  <Page imageFilename="images/page1.png" imageWidth="{WIDTH_PX}" imageHeight="{HEIGHT_PX}">
    <ReadingOrder><OrderedGroup id="ro">
      <RegionRefIndexed index="1" regionRef="r1"/><RegionRefIndexed index="0" regionRef="r0"/>
    </OrderedGroup></ReadingOrder>
    {"".join(regions)}
  </Page>
</PcGts>
"""


def _bbox(box: tuple[int, int, int, int]) -> str:
    return "bbox {} {} {} {}".format(*box)


def hocr(xhtml: bool = True) -> str:
    """An hOCR file of the page as Tesseract writes it (XHTML), or as plain HTML (unclosed <meta>)."""
    pars = []
    for block in (0, 1):
        lines = []
        for n, (b, _t) in enumerate(LINES):
            if b != block:
                continue
            spans = " ".join(
                f"<span class='ocrx_word' id='word_{n}_{k}' "
                f"title='{_bbox(box)}; x_wconf {round(conf * 100)}'>{word}</span>"
                for k, (word, box, conf) in enumerate(words(n))
            )
            lines.append(f"<span class='ocr_line' id='line_{n}' title='{_bbox(line_box(n))}'>{spans}</span>")
        par = f"<p class='ocr_par' id='par_{block}' title='bbox 90 90 890 290'>{''.join(lines)}</p>"
        pars.append(f"<div class='ocr_carea' id='block_{block}' title='bbox 90 90 890 290'>{par}</div>")
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        if xhtml
        else "<html>"
    )
    meta = "<meta name='ocr-system' content='tesseract 5.3.0' />" if xhtml else "<meta name='ocr-system'>"
    page = f"<div class='ocr_page' id='page_1' title='image \"page1.png\"; bbox 0 0 {WIDTH_PX} {HEIGHT_PX}'>"
    return f"{head}<head><title></title>{meta}</head><body>{page}{''.join(pars)}</div></body></html>\n"
