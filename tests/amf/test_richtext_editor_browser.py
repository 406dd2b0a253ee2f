"""Staff write rich text in an editor, in Thai and English, and what they paste comes in clean."""

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests import factories

PASSWORD = "correct horse battery staple"

WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<!--StartFragment--><p class=MsoNormal style='margin-bottom:0cm;line-height:normal'><b><span
lang=EN-US style='font-size:16.0pt;font-family:"TH SarabunPSK",sans-serif'>Word bold</span></b><span
style='font-size:16.0pt'> and <i>italic</i><o:p></o:p></span></p>
<ul style='margin-top:0cm' type=disc><li class=MsoNormal
style='mso-list:l0 level1 lfo1'>first point</li></ul>
<table class=MsoTableGrid border=1><tr><td>a cell</td></tr></table>
<img src="file:///C:/Users/clip_image001.png"><script>alert(1)</script>
<p class=MsoNormal><a href="javascript:alert(1)">bad link</a>
<a href="https://bangkok.go.th/">good link</a></p>
<!--EndFragment--></body></html>"""

LINE_PASTE = "บรรทัดแรกจากไลน์\nบรรทัดที่สอง"


@pytest.fixture
def bulletin_page(live_site):
    factories.SuperuserFactory(username="somchai")
    bulletin = factories.BulletinFactory()
    return reverse("admin:reports_bulletin_change", args=[bulletin.pk])


def paste(page, selector, mime, data):
    page.evaluate(
        """([selector, mime, data]) => {
            const target = document.querySelector(selector);
            target.focus();
            const clipboard = new DataTransfer();
            clipboard.setData(mime, data);
            target.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: clipboard, bubbles: true, cancelable: true,
            }));
        }""",
        [selector, mime, data],
    )


def typed(page, field, text):
    """Wait until what was typed has reached the field's textarea (ProseMirror reads the DOM
    a moment after the keys)."""
    try:
        page.wait_for_function(
            "([field, text]) => document.querySelector(`textarea[name=${field}]`).value"
            ".includes(text)",
            arg=[field, text],
            timeout=5000,
        )
    except PlaywrightError:
        raise AssertionError(f"{field} holds {stored(page, field)!r}, not {text!r}") from None


def stored(page, field):
    return page.locator(f"textarea[name={field}]").input_value()


def test_staff_format_paste_and_link_text_in_the_editor_in_thai_and_english(
    live_site, bulletin_page, chromium
):
    page = chromium.new_page(viewport={"width": 1366, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_site}/th/admin/login/")
    page.fill("#id_username", "somchai")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/th/admin/")
    page.goto(f"{live_site}{bulletin_page}")

    thai = page.locator("#id_summary_th-editor")
    english = page.locator("#id_summary_en-editor")
    # Both languages have an editor in place of the raw HTML, named by the field's label.
    assert thai.is_visible()
    assert page.locator("textarea[name=summary_th]").is_hidden()
    assert thai.get_attribute("lang") == "th" and english.get_attribute("lang") == "en"
    label_id = thai.get_attribute("aria-labelledby")
    assert page.locator(f"#{label_id}").inner_text().startswith("สรุปเนื้อหา")
    toolbar = page.locator("[aria-controls='id_summary_th-editor'][role=toolbar]")
    names = ["ตัวหนา", "ตัวเอียง", "รายการแบบสัญลักษณ์", "รายการแบบตัวเลข", "ลิงก์", "เลิกทำ", "ทำซ้ำ"]
    assert [toolbar.get_by_role("button", name=name, exact=True).count() for name in names] == [
        1
    ] * len(names)

    # Bold on, a heading line; bold off, a line made a list item; then a link on that item.
    thai.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    toolbar.locator("[data-command=bold]").click()
    assert toolbar.locator("[data-command=bold]").get_attribute("aria-pressed") == "true"
    page.keyboard.type("สรุปผลการประชุม")
    typed(page, "summary_th", "สรุปผลการประชุม")
    toolbar.locator("[data-command=bold]").click()
    page.keyboard.press("Enter")
    page.keyboard.type("ข้อแรก")
    typed(page, "summary_th", "<p>ข้อแรก")
    toolbar.locator("[data-command=bulletList]").click()
    thai.locator("li p").click(click_count=3)
    toolbar.locator("[data-command=link]").click()
    page.fill("#id_summary_th-href", "https://bangkok.go.th/")
    page.keyboard.press("Enter")
    assert stored(page, "summary_th") == (
        "<p><strong>สรุปผลการประชุม</strong></p>"
        '<ul><li><p><a href="https://bangkok.go.th/">ข้อแรก</a></p></li></ul>'
    )

    # What Word puts on the clipboard arrives as text, bold, italic, a list and a safe link.
    panel = page.evaluate("document.querySelector('#id_summary_en').closest('.ui-tabs-panel').id")
    page.locator(f"[role=tab][aria-controls={panel}]").click()
    english.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    paste(page, "#id_summary_en-editor", "text/html", WORD_PASTE)
    html = stored(page, "summary_en")
    assert "<strong>Word bold</strong>" in html and "<em>italic</em>" in html
    assert "<li><p>first point</p></li>" in html
    assert '<a href="https://bangkok.go.th/">good link</a>' in html
    for leftover in ("style", "class", "Mso", "<span", "<table", "<img", "script", "javascript"):
        assert leftover not in html
    # A LINE message is plain text: each line becomes a paragraph.
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    paste(page, "#id_summary_en-editor", "text/plain", LINE_PASTE)
    assert stored(page, "summary_en").endswith("<p>บรรทัดแรกจากไลน์</p><p>บรรทัดที่สอง</p>")

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert stored(page, "summary_th") == (
        "<p><strong>สรุปผลการประชุม</strong></p>"
        '<ul><li><p><a href="https://bangkok.go.th/" rel="noopener noreferrer">ข้อแรก</a>'
        "</p></li></ul>"
    )
    assert "<strong>Word bold</strong>" in stored(page, "summary_en")
    assert problems == []
