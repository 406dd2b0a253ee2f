"""Starting a process loads no PDF engine: WeasyPrint comes with the first PDF."""

import subprocess
import sys
import textwrap

from django.conf import settings

LOAD_SITE = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    import amf.urls
    from django.contrib import admin
    from django.urls import get_resolver
    get_resolver().url_patterns  # every app's URLs and views
    assert admin.site._registry, "the admin registered nothing"
    heavy = sorted(name for name in ("weasyprint", "fontTools", "pydyf") if name in sys.modules)
    print(",".join(heavy) or "none")
    """
)


def test_importing_the_urls_and_the_admin_does_not_import_weasyprint():
    loaded = subprocess.run(
        [sys.executable, "-c", LOAD_SITE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert loaded == "none"


def test_the_first_pdf_brings_weasyprint_in():
    script = LOAD_SITE + textwrap.dedent(
        """
        from amf.pdf import html_to_pdf
        assert html_to_pdf("<p>สวัสดี</p>").startswith(b"%PDF")
        print("weasyprint" in sys.modules)
        """
    )

    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert output == ["none", "True"]
