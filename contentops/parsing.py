"""Read legacy pages (plain text, Markdown, HTML) into a :class:`DocumentSpec`.

Each format is first cut into *blocks* (headings, paragraphs, list items, bare URLs, images, and
labels such as "[Related links]"); one builder then reads the blocks the same way for every format.
The heuristics follow the embassy's old pages, e.g. ``overview-of-japan-us-relations-2009.txt``:

- "1. Title" starts a section and "(1) Title" a subsection (Markdown and HTML headings work too);
  the numbers are dropped, since the site numbers sections from their order.
- A run of numbered headings that starts again with the same first number is the hand-written
  contents list at the top: it is skipped, because the site builds the contents itself.
- "[Related links]" followed by "* Title" and URL lines gives related links; so does
  "For more information on …, please see:" followed by a URL (the title comes from the sentence).
- A short line followed by a credit line ("Photo: …", "Source: …", "©…", or an agency name written
  with slashes such as "Bettmann/CORBIS/Corbis Japan") is a photograph's caption and credit.
  In plain text, a short title-like line on its own inside a section ("World GDP in 2007") is the
  caption of a figure whose credit the page did not give.
- A paragraph that starts with a date and a colon ("February 24, 2009: …") suggests an event; the
  paragraph stays in the section's text and a draft event is proposed beside it.
- A copyright line after the last section starts the old site's footer, which is not content.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from markup.dates import DatePrecision

from .documents import HTML, MARKDOWN, TEXT, DocumentError, DocumentSpec, EventSpec, LinkSpec, PhotoSpec, SectionSpec

HEADING = "heading"
PARAGRAPH = "text"
BULLET = "bullet"
URL = "url"
IMAGE = "image"
MARKER = "marker"

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DATE_PATTERNS = [
    (re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"), DatePrecision.DAY),
    (re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})"), DatePrecision.DAY),
    (re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"), DatePrecision.DAY),
    (re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})"), DatePrecision.MONTH),
    (re.compile(r"(?P<year>\d{4})"), DatePrecision.YEAR),
]
DATED = re.compile(r"^(?P<date>[A-Za-z0-9 ,.\-]{4,30}?)\s*:\s+(?P<rest>\S.*)$", re.S)

TEXT_HEADINGS = [
    (re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<title>\S.*)$"), 1),
    (re.compile(r"^\((?P<number>\d{1,2})\)\s+(?P<title>\S.*)$"), 2),
]
NUMBER_PREFIX = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|\(\d{1,2}\)|\([ivxlc]{1,6}\)|\([a-z]\))\s+", re.I)
MARKERS = {
    "related": re.compile(r"^\[?\s*related\s+links?\s*\]?\s*:?$", re.I),
    "events": re.compile(r"^\[?\s*events\s*\]?\s*:?$", re.I),
    "contents": re.compile(r"^\[?\s*(?:table\s+of\s+)?contents\s*\]?\s*:?$", re.I),
}
URL_ONLY = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$", re.I)
URL_AT_END = re.compile(r"^(?P<title>.*?)[\s:–—-]*<?(?P<url>https?://[^\s<>]+)>?$", re.I)
MD_LINK = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<url>https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)", re.I)
MD_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"(?P<title>[^\"]*)\")?\)$")
MORE_INFO = re.compile(
    r"^for\s+(?:more|further|additional)\s+(?:information|details)\b(?P<subject>.*?)[,;]?\s*"
    r"(?:please\s+)?(?:see|visit|refer\s+to|go\s+to)\s*:?\s*(?P<rest>.*)$",
    re.I | re.S,
)
CREDIT_PREFIX = re.compile(
    r"^(?:©|\(c\)|(?:photo(?:graph)?s?|images?|pictures?|figures?|source|courtesy|credits?|copyright)\b"
    r"(?:\s+(?:by|of))?\s*[:：]?\s*\S)",
    re.I,
)
SLASH_CREDIT = re.compile(r"^[^\s/:]+(?:[ .&'’-]+[^\s/:]+)*(?:\s?/\s?[^\s/:]+(?:[ .&'’-]+[^\s/:]+)*)+$")
COPYRIGHT_LINE = re.compile(r"^(?:copyright\b|©|\(c\)\s)", re.I)
SENTENCE_END = (".", ",", ";", ":")
WRAPPED_LINE_LIMIT = 100


@dataclass
class Block:
    kind: str
    plain: str  # the text without markup, read by the heuristics
    markdown: str = ""  # the text as it goes into a section's body
    level: int = 0  # headings: 1 = a page's section, 2 = a subsection, …
    number: str = ""  # headings: the number as written ("1", "(1)")
    url: str = ""
    alt: str = ""  # images: the alternative text
    content: str = ""  # list items: the item's Markdown without its list marker
    single: bool = False  # the only line of its paragraph


# --------------------------------------------------------------------------------------------------
# Small readers shared by the formats
# --------------------------------------------------------------------------------------------------


def clean_spaces(text):
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip()


def parse_date(text, allow_year=False):
    """``(date, precision)`` for text that is exactly a date ("February 24, 2009", "February 2009"), else None."""
    text = clean_spaces(text)
    for pattern, precision in DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match or (precision == DatePrecision.YEAR and not allow_year):
            continue
        parts = match.groupdict()
        if parts.get("month"):
            month = MONTHS.get(parts["month"].lower())
        else:
            month = int(parts.get("mon") or 1)
        if month is None:
            continue
        try:
            return datetime.date(int(parts["year"]), month, int(parts.get("day") or 1)), precision
        except ValueError:
            continue
    return None


def escape_markdown(text):
    """Plain legacy text as Markdown that renders as the same text."""
    text = re.sub(r"([\\`*_<])", r"\\\1", text)
    return re.sub(r"^(#|>|[+-] |\d+[.)] )", r"\\\1", text)


def markdown_to_plain(text):
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*\\])([*_])(?!\s)(.+?)(?<![\s\\])\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>])", r"\1", text)
    return clean_spaces(text.replace("\n", " "))


def strip_number(title):
    return NUMBER_PREFIX.sub("", clean_spaces(title), count=1).strip()


def clean_caption(text):
    text = re.sub(r"\(\s+", "(", clean_spaces(text))
    text = re.sub(r"\s+\)", ")", text)
    return re.sub(r"(\w)\(", r"\1 (", text)


def normalise_title(title):
    """For matching titles: case, spacing and quotation marks do not matter."""
    title = title.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return clean_spaces(title).casefold()


def is_credit(plain):
    if not plain or len(plain) > 120 or "://" in plain:
        return False
    if CREDIT_PREFIX.match(plain) and not plain.endswith(SENTENCE_END):
        return True
    return bool(SLASH_CREDIT.match(plain)) and len(plain.split()) <= 8 and not plain.endswith(SENTENCE_END)


def text_heading(plain):
    """``(level, number, title)`` when a line reads as a numbered heading ("1. …", "(1) …"), else None."""
    for pattern, level in TEXT_HEADINGS:
        match = pattern.match(plain)
        if not match:
            continue
        title = match["title"].strip()
        if len(title) > 200 or title.endswith(SENTENCE_END) or not re.search(r"[A-Za-z]", title):
            return None
        return level, match["number"], title
    return None


def marker_of(plain):
    for name, pattern in MARKERS.items():
        if pattern.match(plain):
            return name
    return None


# --------------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------------


def text_blocks(text):
    lines = [clean_spaces(line) for line in text.split("\n")]
    groups, group = [], []
    for line in lines:
        if line:
            group.append(line)
        elif group:
            groups.append(group)
            group = []
    if group:
        groups.append(group)
    # Text saved from a web page keeps each paragraph on one (long) line; text typed in an editor is
    # wrapped, and then the lines of one paragraph are joined again.
    wrapped = max(len(line) for line in lines) <= WRAPPED_LINE_LIMIT and any(len(g) > 1 for g in groups)
    blocks = []
    for group in groups:
        previous = None
        for line in group:
            block = text_line_block(line)
            if block is None:
                continue
            joinable = (
                wrapped
                and previous is not None
                and previous.kind == PARAGRAPH
                and block.kind == PARAGRAPH
                and not is_credit(block.plain)
                and not DATED.match(block.plain)
            )
            if joinable:
                previous.plain += " " + block.plain
                previous.markdown += " " + block.markdown
                continue
            blocks.append(block)
            previous = block
            # Without wrapping every line is a paragraph of its own.
            block.single = not wrapped
        if len(group) == 1 and previous is not None:
            previous.single = True
    return blocks


def text_line_block(line):
    if not re.search(r"\w", line):
        return None  # stray punctuation left over from the old layout, e.g. a lone "."
    marker = marker_of(line)
    if marker:
        return Block(MARKER, marker)
    heading = text_heading(line)
    if heading:
        level, number, title = heading
        return Block(HEADING, title, level=level, number=number)
    url = URL_ONLY.match(line)
    if url:
        return Block(URL, url["url"], url=url["url"])
    bullet = re.match(r"^[*•·‣◦–-]\s+(?P<rest>\S.*)$", line)
    if bullet:
        rest = bullet["rest"]
        return Block(BULLET, rest, markdown="- " + escape_markdown(rest), content=escape_markdown(rest))
    return Block(PARAGRAPH, line, markdown=escape_markdown(line))


# --------------------------------------------------------------------------------------------------
# Markdown (and HTML, which is turned into Markdown first)
# --------------------------------------------------------------------------------------------------

ATX = re.compile(r"^ {0,3}(?P<hashes>#{1,6})\s+(?P<title>.*?)(?:\s+#+)?\s*$")
LIST_ITEM = re.compile(r"^ {0,3}(?P<marker>[*+-]|\d{1,3}[.)])\s+(?P<rest>.*)$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


def markdown_blocks(text):
    blocks = []
    paragraph, item = [], None
    group_start = 0
    in_fence = False

    def flush():
        nonlocal paragraph, item
        if paragraph:
            blocks.append(markdown_paragraph_block(paragraph))
            paragraph = []
        if item is not None:
            blocks.append(markdown_item_block(item))
            item = None

    def end_group():
        nonlocal group_start
        flush()
        if len(blocks) - group_start == 1 and "\n" not in blocks[-1].markdown:
            blocks[-1].single = True
        group_start = len(blocks)

    for line in text.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            paragraph.append(line)
            continue
        if in_fence:
            paragraph.append(line)
            continue
        if not line.strip():
            end_group()
            continue
        heading = ATX.match(line)
        if heading:
            end_group()
            blocks.append(markdown_heading_block(len(heading["hashes"]), heading["title"]))
            group_start = len(blocks)
            continue
        if re.fullmatch(r" {0,3}(=+|-+)\s*", line) and len(paragraph) == 1 and item is None:
            level = 1 if line.strip().startswith("=") else 2
            blocks.append(markdown_heading_block(level, paragraph.pop()))
            group_start = len(blocks)
            continue
        if re.fullmatch(r" {0,3}([-*_])( *\1){2,} *", line) and not paragraph and item is None:
            continue  # a horizontal rule separates nothing the site needs to keep
        if LIST_ITEM.match(line):
            flush()
            item = [line]
            continue
        if item is not None:
            item.append(line)  # an indented or lazy continuation of the list item
            continue
        paragraph.append(line)
    end_group()
    return blocks


def markdown_heading_block(level, title):
    plain = markdown_to_plain(title)
    marker = marker_of(plain)
    if marker:
        return Block(MARKER, marker)
    return Block(HEADING, strip_number(plain), level=level)


def markdown_paragraph_block(lines):
    source = "\n".join(line.rstrip() for line in lines).strip("\n")
    plain = markdown_to_plain(source)
    if len(lines) == 1:
        line = lines[0].strip()
        image = MD_IMAGE.match(line)
        if image:
            return Block(IMAGE, image["alt"], markdown=line, url=image["url"], alt=image["alt"])
        url = URL_ONLY.match(line)
        if url:
            return Block(URL, url["url"], markdown=line, url=url["url"])
        link = MD_LINK.fullmatch(line)
        if link:
            return Block(URL, link["title"], markdown=line, url=link["url"])
    marker = marker_of(plain)
    if marker:
        return Block(MARKER, marker)
    return Block(PARAGRAPH, plain, markdown=source)


def markdown_item_block(lines):
    source = "\n".join(line.rstrip() for line in lines)
    first = LIST_ITEM.match(lines[0])
    content = "\n".join([first["rest"], *[line.strip() for line in lines[1:]]])
    # The marker is kept as the "number", so "1. Title" can still be read as a heading where needed.
    return Block(BULLET, markdown_to_plain(content), markdown=source, number=first["marker"], content=content)


def markdown_headings_from_numbers(blocks):
    """Markdown without headings (often HTML with bold paragraphs for headings): read "1. …" lines as text does."""
    result = []
    for block in blocks:
        candidate = None
        if block.single and block.kind == PARAGRAPH:
            candidate = block.plain
        elif block.single and block.kind == BULLET and block.number[:1].isdigit():
            candidate = f"{block.number} {block.plain}"
        heading = text_heading(candidate) if candidate else None
        if heading:
            level, number, title = heading
            result.append(Block(HEADING, title, level=level, number=number))
        else:
            result.append(block)
    return result


def html_to_markdown(html):
    """Legacy HTML as Markdown, keeping headings, paragraphs, lists, links and figures."""
    from bs4 import BeautifulSoup
    from markdownify import markdownify

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup.find_all(["head", "script", "style", "noscript", "nav", "footer", "form", "iframe"]):
        element.decompose()
    for figure in soup.find_all("figure"):
        parts = []
        for image in figure.find_all("img"):
            parts.append(soup.new_tag("img", attrs={"src": image.get("src", ""), "alt": image.get("alt", "")}))
        caption = figure.find("figcaption")
        if caption is not None:
            credit = caption.find(["small", "cite"]) or caption.find(class_=re.compile("credit"))
            credit_text = credit.extract().get_text(" ", strip=True) if credit else ""
            for br in caption.find_all("br"):
                br.replace_with("\n")
            lines = [clean_spaces(line) for line in caption.get_text().split("\n") if clean_spaces(line)]
            lines += [credit_text] if credit_text else []
            for line in lines:
                paragraph = soup.new_tag("p")
                paragraph.string = line
                parts.append(paragraph)
        figure.replace_with(*[wrap_block(soup, part) for part in parts] or [""])
    for cell in soup.find_all(["td", "th"]):
        cell.name = "div"  # old pages lay text out in tables; the text matters, not the grid
    for element in soup.find_all(["table", "tbody", "thead", "tfoot", "tr"]):
        element.unwrap()
    markdown = markdownify(str(soup), heading_style="ATX", bullets="*", strip=["span", "font", "center"])
    if title and not re.search(r"^#\s", markdown, re.M):
        markdown = f"# {title}\n\n{markdown}"
    return markdown


def wrap_block(soup, element):
    if element.name == "img":
        paragraph = soup.new_tag("p")
        paragraph.append(element)
        return paragraph
    return element


# --------------------------------------------------------------------------------------------------
# The builder: blocks → DocumentSpec
# --------------------------------------------------------------------------------------------------


def parse_document(text, fmt, fallback_title=""):
    if fmt == HTML:
        try:
            text, fmt = html_to_markdown(text), MARKDOWN
        except RecursionError:
            # The HTML libraries walk elements recursively; no real page nests this deep.
            raise DocumentError("The HTML nests elements too deeply to be read as a page.") from None
    if fmt == TEXT:
        blocks = text_blocks(text)
        title = ""
    elif fmt == MARKDOWN:
        blocks = markdown_blocks(text)
        blocks, title = markdown_title_and_levels(blocks)
    else:
        raise ValueError(f"Unknown format {fmt!r}")
    return DocumentBuilder(blocks, fmt, title, fallback_title).build()


def markdown_title_and_levels(blocks):
    """Take the single top-level heading as the page's title and make the next level the sections."""
    headings = [block for block in blocks if block.kind == HEADING]
    title = ""
    if headings and headings[0].level == 1 and sum(1 for h in headings if h.level == 1) == 1:
        title = headings[0].plain
        blocks = [block for block in blocks if block is not headings[0]]
        headings = headings[1:]
    if not headings:
        return markdown_headings_from_numbers(blocks), title
    base = min(h.level for h in headings)
    for heading in headings:
        heading.level = heading.level - base + 1
    return blocks, title


class DocumentBuilder:
    def __init__(self, blocks, fmt, title, fallback_title):
        self.blocks = blocks
        self.fmt = fmt
        self.document = DocumentSpec(title=title)
        self.fallback_title = fallback_title

    def build(self):
        if not any(block.kind == HEADING for block in self.blocks):
            raise DocumentError(
                "No section headings found. Number the sections as the embassy's pages do "
                '("1. Title", "(1) Title"), or use Markdown headings ("## Title") or HTML headings (<h2>).'
            )
        self.drop_footer()
        self.drop_contents_list()
        start = self.read_header()
        self.read_body(start)
        if not self.document.title:
            self.document.title = self.fallback_title or "Imported page"
        return self.document

    # -- before the sections ------------------------------------------------------------------

    def drop_footer(self):
        last_heading = max(i for i, block in enumerate(self.blocks) if block.kind == HEADING)
        for index in range(last_heading + 1, len(self.blocks)):
            block = self.blocks[index]
            if block.kind == PARAGRAPH and COPYRIGHT_LINE.match(block.plain):
                previous = self.blocks[index - 1]
                if previous.kind == PARAGRAPH and self.is_bare_caption(previous.plain):
                    continue  # "© …" under a caption is a photograph's credit
                del self.blocks[index:]
                return

    def drop_contents_list(self):
        first = next(i for i, block in enumerate(self.blocks) if block.kind == HEADING)
        if first > 0 and self.blocks[first - 1].kind == MARKER and self.blocks[first - 1].plain == "contents":
            del self.blocks[first - 1]
            first -= 1
        opening = self.blocks[first]
        index = first + 1
        while index < len(self.blocks) and self.blocks[index].kind == HEADING:
            block = self.blocks[index]
            same_start = (
                block.number == opening.number
                if opening.number
                else normalise_title(block.plain) == normalise_title(opening.plain)
            )
            if block.level == opening.level and same_start:
                del self.blocks[first:index]
                return
            index += 1

    def read_header(self):
        """Title, publisher and date from the lines above the first section; returns where the body starts."""
        document = self.document
        index = 0
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.kind != PARAGRAPH or len(block.plain) > 255:
                break
            plain = block.plain
            if not document.title:
                document.title = plain
            elif normalise_title(plain) == normalise_title(document.title):
                pass  # old pages repeat their title as a banner and as a heading
            elif document.dated is None and parse_date(plain, allow_year=True):
                document.dated, document.date_precision = parse_date(plain, allow_year=True)
            elif (
                not document.publisher and len(plain) <= 80 and not plain.endswith(SENTENCE_END) and plain[0].isupper()
            ):
                document.publisher = plain
            else:
                break
            index += 1
        return index

    @staticmethod
    def looks_like_a_name(plain):
        return len(plain) <= 80 and not plain.endswith(SENTENCE_END) and plain[0].isupper()

    # -- the sections -------------------------------------------------------------------------

    def read_body(self, index):
        stack = [self.document]
        self.current = self.document
        self.last_kind = None
        blocks = self.blocks
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if block.kind == HEADING:
                level = max(1, min(block.level, len(stack)))
                del stack[level:]
                section = SectionSpec(title=block.plain[:255], level=level)
                stack[-1].children.append(section)
                stack.append(section)
                self.current = section
                self.last_kind = None
                index += 1
            elif block.kind == MARKER:
                index = self.read_marked_list(block.plain, index + 1)
            elif block.kind == IMAGE:
                index = self.read_image(block, index + 1)
            elif block.kind == PARAGRAPH and (used := self.more_information(block, following)):
                index += used
            elif (
                block.kind == PARAGRAPH
                and self.is_bare_caption(block.plain)
                and following is not None
                and following.kind == PARAGRAPH
                and is_credit(following.plain)
            ):
                self.add_photo(PhotoSpec(caption=clean_caption(block.plain)[:300], credit=following.plain[:200]))
                index += 2
            elif block.kind == PARAGRAPH and self.is_lone_figure_caption(block):
                self.add_photo(PhotoSpec(caption=clean_caption(block.plain)[:300]))
                index += 1
            else:
                self.add_text(block)
                index += 1

    def add_text(self, block):
        if block.kind == PARAGRAPH:
            self.suggest_event(block, from_prose=True)
        markdown = block.markdown
        if block.kind == URL and not markdown:
            markdown = f"<{block.url}>"
        if block.kind == BULLET and self.last_kind == BULLET and self.current.paragraphs:
            self.current.paragraphs[-1] += "\n" + markdown
        else:
            self.current.paragraphs.append(markdown)
        self.last_kind = block.kind

    def add_photo(self, photo):
        self.current.photos.append(photo)
        self.last_kind = IMAGE

    def is_caption(self, plain):
        return (
            0 < len(plain) <= 300
            and not plain.endswith(":")
            and not is_credit(plain)
            and not DATED.match(plain)
            and not MORE_INFO.match(plain)
        )

    def is_bare_caption(self, plain):
        """A caption standing in the text with no image beside it: short, and not the end of a sentence."""
        return self.is_caption(plain) and len(plain) <= 200 and not plain.endswith(SENTENCE_END)

    def is_lone_figure_caption(self, block):
        """In text saved from a web page, a figure's title stays behind as a short line of its own."""
        plain = block.plain
        return (
            self.fmt == TEXT
            and self.current is not self.document
            and block.single
            and len(plain) <= 60
            and len(plain.split()) <= 8
            and plain[0].isupper()
            and not plain.endswith((*SENTENCE_END, "!", "?"))
            and ":" not in plain
            and not is_credit(plain)
        )

    def more_information(self, block, following):
        """Record a "For more information …, please see: URL" link; return how many blocks it used (or None)."""
        match = MORE_INFO.match(block.plain)
        if not match:
            return None
        link = MD_LINK.search(block.markdown)
        url = link["url"] if link else None
        if url is None:
            inline = re.search(r"https?://[^\s<>)]+", match["rest"])
            url = inline.group(0) if inline else None
        used = 1
        if url is None:
            if following is None or following.kind != URL:
                return None
            url, used = following.url, 2
        subject = re.sub(r"^\s*(?:on|about|regarding|concerning|of)\s+", "", match["subject"], flags=re.I)
        subject = re.sub(r"([”\"])(?=\w)", r"\1 ", subject).strip(" ,;:")
        title = subject[:1].upper() + subject[1:] if subject else "More information"
        self.current.links.append(LinkSpec(title=clean_spaces(title)[:255], url=url))
        self.last_kind = URL
        return used

    def read_marked_list(self, name, index):
        blocks = self.blocks
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if name == "related":
                used = self.read_link_item(block, following)
            elif name == "events":
                used = 1 if block.kind in (BULLET, PARAGRAPH) and self.suggest_event(block, from_prose=False) else 0
            else:  # a contents list: the site makes its own
                used = 1 if block.kind == BULLET else 0
            if not used:
                break
            index += used
        return index

    def read_link_item(self, block, following):
        if block.kind == URL:
            title = block.plain if block.plain != block.url else block.url
            self.current.links.append(LinkSpec(title=title[:255], url=block.url))
            return 1
        if block.kind not in (BULLET, PARAGRAPH):
            return 0
        link = MD_LINK.search(block.markdown)
        if link:
            self.current.links.append(LinkSpec(title=markdown_to_plain(link["title"])[:255], url=link["url"]))
            return 1
        at_end = URL_AT_END.match(block.plain)
        if at_end:
            title = at_end["title"].strip() or at_end["url"]
            self.current.links.append(LinkSpec(title=title[:255], url=at_end["url"]))
            return 1
        if following is not None and following.kind == URL and len(block.plain) <= 255:
            self.current.links.append(LinkSpec(title=block.plain, url=following.url))
            return 2
        return 0

    def read_image(self, block, index):
        photo = PhotoSpec(caption="", alt_text=clean_spaces(block.alt)[:300])
        path = urlsplit(block.url).path if block.url else ""
        photo.original_filename = PurePosixPath(path).name[:255] if path else ""
        following = self.blocks[index] if index < len(self.blocks) else None
        if following is not None and following.kind == PARAGRAPH:
            lines = [markdown_to_plain(line) for line in following.markdown.split("\n") if line.strip()]
            if len(lines) == 2 and all(len(line) <= 300 for line in lines):
                photo.caption, photo.credit = clean_caption(lines[0]), lines[1][:200]
                index += 1
            elif len(lines) == 1 and is_credit(lines[0]):
                photo.credit = lines[0][:200]
                index += 1
            elif len(lines) == 1 and self.is_caption(lines[0]):
                photo.caption = clean_caption(lines[0])
                index += 1
                after = self.blocks[index] if index < len(self.blocks) else None
                if after is not None and after.kind == PARAGRAPH and is_credit(after.plain):
                    photo.credit = after.plain[:200]
                    index += 1
        photo.caption = (photo.caption or photo.alt_text or photo.original_filename or "Photograph")[:300]
        self.add_photo(photo)
        return index

    def suggest_event(self, block, from_prose):
        """A paragraph or list item that starts "February 24, 2009: …" proposes a draft event."""
        content = block.content if block.kind == BULLET and block.content else block.markdown
        match = DATED.match(content.strip())
        if not match:
            return False
        parsed = parse_date(match["date"], allow_year=not from_prose)
        if parsed is None:
            return False
        starts_on, precision = parsed
        rest = match["rest"].strip()
        bold = re.match(r"^(\*\*|__)(?P<title>.+?)\1\s*(?:[—–:-]\s*)?(?P<summary>.*)$", rest, re.S)
        if bold:
            title, summary, body = markdown_to_plain(bold["title"]), markdown_to_plain(bold["summary"]), ""
        else:
            title = self.current.title
            summary = first_sentence(markdown_to_plain(rest))
            body = rest
        self.current.events.append(
            EventSpec(
                starts_on=starts_on,
                date_precision=precision,
                title=title[:255],
                summary=summary[:300],
                body=body,
            )
        )
        return True


def first_sentence(text, limit=300):
    # A full stop ends the sentence only before a capital and not after an initial ("D.C.", "J. Smith").
    match = re.match(r"^(.+?(?<!\b[A-Z])[.!?])(?=\s+[A-Z“\"(]|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
