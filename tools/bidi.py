"""Arabic text for the local wkhtmltopdf (the build without patched Qt).

That build places a text node that mixes directions shifted, and never wraps a run of
Arabic words. Both helpers wrap runs (and words) in plain ``<span>`` elements: without a
``dir`` attribute they change nothing for a browser or a patched build. Reports call them
only when ``report_type == 'pdf'``.
"""

import re
import unicodedata

from lxml import etree, html
from markupsafe import Markup

WORD_SPLIT = re.compile(r"(\s+)")
# Runs of text that wkhtmltopdf draws right (see bidi_spans): right-to-left words
# (spaces between them, no punctuation), left-to-right text (Latin letters and digits,
# with spaces and punctuation between them), or what lies between runs.
BIDI_RUN = re.compile(r"R(?:S*R)*|L(?:[SN]*L)*|[SN]+")
BIDI_SKIPPED_TAGS = {"style", "script"}


def bidi_class(char, previous):
    """``R`` (Arabic, Hebrew), ``L`` (Latin letters, any digits), ``S`` (spaces) or
    ``N`` (punctuation and other neutrals)."""
    bidi = unicodedata.bidirectional(char)
    if bidi in ("R", "AL"):
        return "R"
    if bidi in ("L", "EN", "AN"):
        return "L"
    if bidi == "NSM":  # diacritics (harakat) follow their letter
        return previous
    if bidi == "WS" or char.isspace():
        return "S"
    return "N"


def split_bidi_runs(text):
    """Cut ``text`` into runs of one direction, the neutrals at their ends apart."""
    classes = []
    for char in text:
        classes.append(bidi_class(char, classes[-1] if classes else "S"))
    return [text[m.start() : m.end()] for m in BIDI_RUN.finditer("".join(classes))]


def bidi_spans(fragment):
    """The HTML ``fragment`` with each run of one direction in its own ``<span>``.

    The wkhtmltopdf build without patched Qt draws a text node that mixes Arabic with
    punctuation or digits ("وبعد:", "وبركاته، وبعد", "المكرم/ة", "رقم 28") shifted to
    the right, past its box or over its neighbours; Arabic words alone, Latin text and
    punctuation alone are placed correctly.
    Spans without ``dir`` change nothing for a browser or a patched build.
    """
    if not str(fragment).strip():
        return fragment
    root = html.fragment_fromstring(str(fragment), create_parent="div")

    def spans(runs):
        for run in runs:
            span = etree.Element("span")
            span.text = run
            yield span

    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in BIDI_SKIPPED_TAGS:
            continue
        runs = split_bidi_runs(element.text or "")
        if len(runs) > 1:
            element.text = None
            for index, span in enumerate(spans(runs)):
                element.insert(index, span)
        for child in list(element):
            runs = split_bidi_runs(child.tail or "")
            if len(runs) > 1:
                child.tail = None
                for span in reversed(list(spans(runs))):
                    child.addnext(span)
    return Markup((root.text or "") + "".join(html.tostring(c, encoding="unicode") for c in root))


def bidi_word_spans(fragment):
    """The HTML ``fragment`` with each run of one direction, and each right-to-left
    word, in its own ``<span>``.

    Besides misplacing text nodes that mix directions (see ``bidi_spans``), the
    wkhtmltopdf build without patched Qt never wraps a run of Arabic words: in a table
    cell or a long paragraph it runs over the next cell or past the margin. Words in
    separate elements wrap. Spans without ``dir`` change nothing for a browser.
    """
    if not str(fragment).strip():
        return fragment
    root = html.fragment_fromstring(str(fragment), create_parent="div")

    def pieces(text):
        """Elements and the whitespace after each, or ``None`` if nothing to split."""
        runs = split_bidi_runs(text)
        if len(runs) == 1 and not WORD_SPLIT.search(runs[0].strip()):
            return None
        result = []
        for run in runs:
            for part in WORD_SPLIT.split(run):
                if not part:
                    continue
                if part.isspace() and result:
                    result[-1].tail = (result[-1].tail or "") + part
                    continue
                span = etree.Element("span")
                span.text = part
                result.append(span)
        return result

    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in BIDI_SKIPPED_TAGS:
            continue
        spans = pieces(element.text or "")
        if spans is not None:
            element.text = None
            for index, span in enumerate(spans):
                element.insert(index, span)
        for child in list(element):
            spans = pieces(child.tail or "")
            if spans is not None:
                child.tail = None
                for span in reversed(spans):
                    child.addnext(span)
    return Markup((root.text or "") + "".join(html.tostring(c, encoding="unicode") for c in root))
