"""Render templates to PDF with WeasyPrint, in Sarabun, the Thai government's typeface.

Pango with libthai and HarfBuzz places Thai marks and breaks Thai lines at word boundaries;
the Sarabun files come from the `fontpkg-sarabun` package, so no font file is committed and
the PDFs do not depend on the fonts a machine happens to have.

WeasyPrint (and fontTools, which it brings) are imported on the first PDF, not with this
module: the admin and the views import it, and loading WeasyPrint took about half of every
process's start-up, web workers and management commands alike, most of which make no PDF.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONT_FAMILY = "Sarabun"
# (file stem, weight, style); faces not declared here are synthesised by Pango if needed.
FACES = [
    ("Regular", 400, "normal"),
    ("Italic", 400, "italic"),
    ("Bold", 700, "normal"),
    ("BoldItalic", 700, "italic"),
]


def font_dir() -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.__file__).parent / "files"


@cache
def _weasyprint():
    """WeasyPrint's HTML class, a Sarabun stylesheet and its font configuration."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from amf import pdf_unicode

    pdf_unicode.install()
    font_config = FontConfiguration()
    rules = "\n".join(
        f"@font-face {{ font-family: {FONT_FAMILY}; font-weight: {weight}; font-style: {style};"
        f" src: url({(font_dir() / f'Sarabun-{stem}.ttf').as_uri()}); }}"
        for stem, weight, style in FACES
    )
    return HTML, CSS(string=rules, font_config=font_config), font_config


def html_to_pdf(html: str) -> bytes:
    """Lay out an HTML document as a PDF, with Sarabun available as a font family."""
    document_class, stylesheet, font_config = _weasyprint()
    return document_class(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[stylesheet], font_config=font_config
    )


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a template (usually extending ``pdf/base.html``) to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context, request=request))


def html_to_pages(html: str, *, parts: list[str]) -> list[list]:
    """Lay out a document once and cut its pages into `parts`, for `pages_to_pdf`.

    Each part begins on the page holding the element whose id it names and ends before
    the next part's page (so each part must start on a new page). Raises ValueError if an
    id is on no page.
    """
    document_class, stylesheet, font_config = _weasyprint()
    document = document_class(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[stylesheet], font_config=font_config
    )
    first_pages: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            first_pages.setdefault(anchor, index)
    missing = [part for part in parts if part not in first_pages]
    if missing:
        raise ValueError(f"No page holds {', '.join(missing)}")
    starts = [first_pages[part] for part in parts]
    ends = [*starts[1:], len(document.pages)]
    # Each page keeps its document, which writes it (and any pages joined to it).
    return [
        [(document, page) for page in document.pages[start:end]]
        for start, end in zip(starts, ends, strict=True)
    ]


def pages_to_pdf(pages: list) -> bytes:
    """Write pages from `html_to_pages` (of one or several documents) as one PDF."""
    document = pages[0][0]
    return document.copy([page for _document, page in pages]).write_pdf()
