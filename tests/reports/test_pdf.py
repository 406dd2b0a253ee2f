"""The Governor's PDF: A4, Sarabun embedded with Unicode maps, searchable text, both languages."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from reports.pdfs import bulletin_pdf
from tests.factories import BulletinFactory, ForumFactory, VenueFactory
from tests.reports.pdftools import pdf_fonts, pdf_info, pdf_reading, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin():
    venue = VenueFactory(name_th="ศูนย์ประชุมสหประชาชาติ", name_en="UN Conference Centre")
    forum = ForumFactory(venue=venue)
    return BulletinFactory(
        forum=forum,
        summary_th="<p>ผู้ว่าราชการกรุงเทพมหานครได้กล่าวถึงความสำคัญของความร่วมมือ</p>",
        summary_en="<p>The Governor spoke of the importance of cooperation.</p>",
        reporter_phone="0 2224 8177",
    )


def test_the_pdf_is_a4_with_sarabun_embedded_and_mapped_to_unicode(bulletin):
    pdf = bulletin_pdf(bulletin, language="th")

    assert pdf_info(pdf)["Page size"].startswith("595.276 x 841.89")
    fonts = pdf_fonts(pdf)
    assert fonts
    assert all("Sarabun" in font["name"] for font in fonts)
    assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in fonts)


def test_the_thai_pdf_has_the_six_numbered_sections_and_buddhist_era_dates(bulletin):
    text = pdf_reading(bulletin_pdf(bulletin, language="th"))

    headings = re.findall(r"(\d)\. (ชื่อการประชุม/หัวข้อการหารือ|สถานที่|วันที่|สรุปเนื้อหา|"
                          r"การดำเนินงานต่อเนื่อง|ผู้รายงาน)", text)  # fmt: skip
    assert [number for number, _ in headings] == ["1", "2", "3", "4", "5", "6"]
    assert "26 – 28 สิงหาคม 2562" in text
    assert "ศูนย์ประชุมสหประชาชาติ กรุงเทพมหานคร" in text
    assert "กลุ่มภารกิจ : การบริหารจัดการ" in text
    assert "โทรศัพท์ 0 2224 8177" in text


def test_the_english_pdf_is_in_english_with_common_era_dates(bulletin):
    text = pdf_reading(bulletin_pdf(bulletin, language="en"))

    assert "4. Summary" in text
    assert "The Governor spoke of the importance of cooperation." in text
    assert "26 – 28 August 2019" in text
    assert "UN Conference Centre, Bangkok" in text
    assert "2562" not in text


def test_thai_words_with_sara_am_and_tone_marks_copy_out_whole():
    bulletin = BulletinFactory(summary_th="<p>น้ำ ประจำ เน้นย้ำ สำคัญ ความเหลื่อมล้ำ</p>")

    text = pdf_reading(bulletin_pdf(bulletin, language="th"))

    assert "น้ำ ประจำ เน้นย้ำ สำคัญ ความเหลื่อมล้ำ" in text


def test_script_and_event_handlers_stored_in_the_text_never_reach_the_pdf():
    bulletin = BulletinFactory()
    # Written past the sanitiser, as a bad import or an old row might have it.
    type(bulletin).objects.filter(pk=bulletin.pk).update(
        summary_th='<p onclick="steal()">สรุป</p><script>alert("x")</script>'
    )
    bulletin.refresh_from_db()

    text = pdf_text(bulletin_pdf(bulletin, language="th"))

    assert "สรุป" in text
    assert "alert" not in text
    assert "steal" not in text


def test_export_bulletin_writes_the_pdf_in_the_language_asked(bulletin, tmp_path):
    target = tmp_path / "bulletin.pdf"

    call_command("export_bulletin", bulletin.pk, "-o", str(target), "--language", "en",
                 stdout=open("/dev/null", "w"))  # noqa: SIM115  # fmt: skip

    assert "4. Summary" in pdf_text(target.read_bytes())


def test_export_bulletin_names_a_missing_bulletin():
    with pytest.raises(CommandError, match="There is no bulletin with id 999"):
        call_command("export_bulletin", 999, "-o", "/tmp/never.pdf")


def test_staff_download_any_bulletin_as_pdf_from_the_admin_in_either_language(
    admin_client, bulletin
):
    for language, heading in (("th", "สรุปเนื้อหา"), ("en", "Summary")):
        with translation.override("en"):
            url = reverse("admin:reports_bulletin_pdf", args=[bulletin.pk, language])
        response = admin_client.get(url)

        assert response["Content-Type"] == "application/pdf"
        assert f"bulletin-{bulletin.pk}-{language}.pdf" in response["Content-Disposition"]
        assert heading in pdf_text(response.getvalue())


def test_a_pdf_in_an_unknown_language_is_not_found(admin_client, bulletin):
    with translation.override("en"):
        url = reverse("admin:reports_bulletin_pdf", args=[bulletin.pk, "fr"])

    assert admin_client.get(url).status_code == 404


def test_export_bulletin_names_a_folder_that_does_not_exist(bulletin):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_bulletin", bulletin.pk, "-o", "/no/such/folder/b.pdf")
