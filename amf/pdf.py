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
