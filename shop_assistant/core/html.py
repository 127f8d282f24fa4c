"""Plain text from the HTML shops write in product descriptions and reviews.

Shop back offices (django-oscar's dashboard, WYSIWYG widgets) store descriptions as
HTML. Indexed as is, tags and entities end up in the vectors and are quoted by Q&A.
:func:`html_to_text` keeps the words and turns each block (paragraph, list item,
heading, table cell, ``<br>``) into its own sentence, so Q&A quotes one list item,
not a run-on line; entities are unescaped, scripts and styles dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

#: Tags that end a sentence: their text is a block of its own.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
#: Tags whose content is never text.
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "title"})
#: Characters that already end a sentence (Latin and CJK), or a list's lead-in.
_SENTENCE_ENDS = ".!?:;。！？…"
_HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds a tag or an entity."""
    return bool(_HTML.search(text))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _break(self) -> None:
        block = " ".join("".join(self._current).split())
        if block:
            self.blocks.append(block)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)


def _sentence(block: str) -> str:
    return block if block[-1] in _SENTENCE_ENDS else f"{block}."


def html_to_text(text: str) -> str:
    """``text`` without tags: one sentence per block, one line per sentence.

    Text that holds neither tag nor entity is returned unchanged (plain descriptions keep
    their own line breaks and punctuation).
    """
    if not text or not looks_like_html(text):
        return text or ""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    parser._break()
    blocks = parser.blocks
    if len(blocks) == 1:
        return blocks[0]
    return "\n".join(_sentence(block) for block in blocks)
