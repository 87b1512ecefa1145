#!/usr/bin/env python3
"""Writes the demo PDFs of the documents service from their text sources.

Each pdf-src/<stem>.txt becomes <stem>.pdf next to this script: a small, valid PDF 1.4 with
real text (searchable, extractable by poppler, which the service uses), set in the standard
fonts Helvetica and Helvetica-Bold, so no font is embedded and each file stays a few KB. The
first line of a source is the title; blank lines separate paragraphs; "## " starts a heading
and "- " an item. Every PDF ends with the line DEMO_NOTE: the texts are written from the public
descriptions of the publications (the seeds), they are not the publications themselves.

Text encoding: WinAnsi (Latin-1 plus š ž Š Ž and typographic quotes), with the Serbian and
Bosnian letters it lacks (č ć đ Č Ć Đ) mapped by name onto unused codes (/Differences), so
poppler extracts them as those letters. Cyrillic needs an embedded font: the demo's Cyrillic
text is in its plain-text files instead.

The output is deterministic (no dates, no random ids): rerunning it on unchanged sources
rewrites the same bytes, so the committed files, their SHA-256 in demo/*.sql and this script
stay in step. Run it, then make_demo_sql.py:

    python3 services/documents/demo/files/make_pdfs.py
    python3 services/documents/demo/files/make_demo_sql.py

Standard library only.
"""
import pathlib
import sys
import textwrap

HERE = pathlib.Path(__file__).resolve().parent
DEMO_NOTE = ("IRIS platform demo file: written from the public description of this "
             "publication; it is not the publication itself.")

# Letters WinAnsiEncoding lacks, on codes it leaves undefined (and 0x83, florin, unused here).
EXTRA_GLYPHS = {"č": (0x81, "ccaron"), "ć": (0x8D, "cacute"), "đ": (0x8F, "dcroat"),
                "Č": (0x90, "Ccaron"), "Ć": (0x9D, "Cacute"), "Đ": (0x83, "Dcroat")}

PAGE_W, PAGE_H, MARGIN = 595, 842, 56  # A4 in points
BODY_SIZE, BODY_LEADING, WRAP = 10, 14, 92  # Helvetica 10 pt: about 92 characters a line
STYLES = {"title": ("F2", 15, 22), "heading": ("F2", 11, 17), "body": ("F1", BODY_SIZE,
                                                                         BODY_LEADING)}


def encode(text):
    """The bytes of TEXT in the fonts' encoding; a character it cannot show stops the run."""
    out = bytearray()
    for ch in text:
        if ch in EXTRA_GLYPHS:
            out.append(EXTRA_GLYPHS[ch][0])
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            sys.exit(f"make_pdfs: {ch!r} is not in the PDF fonts' encoding: use a .txt file")
    return bytes(out)


def pdf_string(text):
    raw = encode(text)
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def layout(source):
    """(style, text) lines of SOURCE, wrapped, the demo note last."""
    lines = source.strip("\n").split("\n")
    out = [("title", line) for line in textwrap.wrap(lines[0], 60)]
    paragraph = []

    def flush():  # items follow each other without a gap; a gap ends a list or paragraph
        if not paragraph:
            return
        text = " ".join(paragraph)
        if text.startswith("- "):
            wrapped = textwrap.wrap(text[2:], WRAP - 3)
            out.extend([("body", "- " + wrapped[0])] + [("body", "   " + w) for w in wrapped[1:]])
        else:
            if out[-1][0] == "body":
                out.append(("gap", ""))
            out.extend(("body", w) for w in textwrap.wrap(text, WRAP))
            out.append(("gap", ""))
        paragraph.clear()

    out.append(("gap", ""))
    for line in lines[1:] + [""]:
        if line.startswith("## "):
            flush()
            if out[-1][0] == "body":
                out.append(("gap", ""))
            out.append(("heading", line[3:]))
        elif line.startswith("- "):
            flush()
            paragraph.append(line)
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
    if out[-1][0] == "body":
        out.append(("gap", ""))
    out.extend(("body", w) for w in textwrap.wrap(DEMO_NOTE, WRAP))
    return out


def text_of(source):
    """The text a reader (and poppler) gets from the PDF of SOURCE, a line per laid-out line:
    what make_demo_sql.py stores as the file's extracted text."""
    return "\n".join(text for style, text in layout(source) if style != "gap") + "\n"


def pages_of(lines):
    """The content streams of LINES, a page each time the page is full."""
    pages, ops, y = [], [], PAGE_H - MARGIN
    for style, text in lines:
        leading = BODY_LEADING // 2 if style == "gap" else STYLES[style][2]
        if y - leading < MARGIN:
            pages.append(ops)
            ops, y = [], PAGE_H - MARGIN
        y -= leading
        if style == "gap":
            continue
        font, size, _ = STYLES[style]
        ops.append(b"BT /%s %d Tf %d %d Td %s Tj ET" %
                   (font.encode(), size, MARGIN, y, pdf_string(text)))
    pages.append(ops)
    return [b"\n".join(p) + b"\n" for p in pages]


def write_pdf(title, source):
    """The bytes of the PDF for SOURCE."""
    streams = pages_of(layout(source))
    n = len(streams)
    # Objects: 1 catalog, 2 pages, 3 encoding, 4-5 fonts, 6 info, then a page and its content
    # per page.
    differences = b" ".join(b"%d /%s" % (code, name.encode())
                            for code, name in sorted(EXTRA_GLYPHS.values()))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" %
           (b" ".join(b"%d 0 R" % (7 + 2 * i) for i in range(n)), n),
        3: b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [%s] >>" %
           differences,
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding 3 0 R >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding 3 0 R >>",
        6: b"<< /Title %s /Author (IRIS Network) /Producer "
           b"(services/documents/demo/files/make_pdfs.py) >>" % pdf_string(title),
    }
    for i, stream in enumerate(streams):
        page, content = 7 + 2 * i, 8 + 2 * i
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                         b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> "
                         b"/Contents %d 0 R >>" % (PAGE_W, PAGE_H, content))
        objects[content] = b"<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for number in sorted(objects):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def sources():
    """(stem, source text) of every pdf-src/*.txt, by name."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((HERE / "pdf-src").glob("*.txt"))]


def main():
    for stem, source in sources():
        title = source.split("\n", 1)[0].strip()
        data = write_pdf(title, source)
        (HERE / f"{stem}.pdf").write_bytes(data)
        print(f"{stem}.pdf: {len(data)} bytes")


if __name__ == "__main__":
    main()
