"""Invitation and visa support letters as their readers read them: the PDF's text (pdftotext),
its fonts (pdffonts), its Thai exactly as written, and its pages."""

import datetime as dt

import pytest

from amf import pdf as amf_pdf
from delegates.letters import LetterProblem, letter_document, letters_pdf
from delegates.models import Country, IssuedLetter
from delegates.services.letters import letter_issue, letters_issue
from tests import factories
from tests.reports.pdftools import pdf_fonts, pdf_reading, pdf_text
from tests.reports.test_pdf_thai_text import mismatches

pytestmark = pytest.mark.django_db

JULY_15 = dt.date(2019, 7, 15)


@pytest.fixture
def forum():
    forum = factories.ForumFactory(
        title_th="การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5",
        title_en="5th ASEAN Mayors Forum",
        start_date=dt.date(2019, 8, 26),
        end_date=dt.date(2019, 8, 28),
    )
    factories.ForumLetterSettingsFactory(forum=forum, reference_prefix_en="BMA 1402/")
    return forum


@pytest.fixture
def pirkka_abroad(forum, pirkka):
    """A delegate from abroad who asked for a visa letter, with passport and travel dates."""
    return factories.ParticipationFactory(
        forum=forum,
        person=pirkka,
        country=Country.objects.get(code="FI"),
        passport_number="EU1234567",
        passport_nationality=Country.objects.get(code="FI"),
        passport_expires_on=dt.date(2027, 3, 1),
        arrival_date=dt.date(2019, 8, 25),
        departure_date=dt.date(2019, 8, 29),
    )


def issued_pdf(letter: IssuedLetter) -> bytes:
    with letter.pdf.open("rb") as stored:
        return stored.read()


def test_a_thai_visa_letter_shows_reference_buddhist_era_date_addressee_and_passport(
    pirkka_abroad,
):
    letter = letter_issue(participation=pirkka_abroad, kind="visa", language="th", dated=JULY_15)

    text = pdf_reading(issued_pdf(letter))
    assert "ที่ กท 1402/1" in text
    assert "15 กรกฎาคม 2562" in text
    assert "เรื่อง ขอความอนุเคราะห์ออกการตรวจลงตรา" in text
    assert "เรียน เอกอัครราชทูตหรือกงสุลใหญ่ไทย ณ ฟินแลนด์" in text
    assert "นายเปียร์กา ตาปิโอลา (Mr. Pirkka Tapiola)" in text
    assert "EU1234567" in text
    assert "1 มีนาคม 2570" in text  # the passport's expiry, in the Buddhist Era
    assert "25 สิงหาคม 2562" in text and "29 สิงหาคม 2562" in text
    assert "ขอแสดงความนับถือ" in text
    assert "(นางสาวสมศรี ใจดี)" in text
    assert "โทร. 0 2224 8177" in text


def test_a_thai_invitation_letter_invites_by_name_position_and_forum_dates(pirkka_abroad):
    letter = letter_issue(
        participation=pirkka_abroad, kind="invitation", language="th", dated=JULY_15
    )

    text = pdf_reading(issued_pdf(letter))
    assert "เรียน นายเปียร์กา ตาปิโอลา" in text
    assert "ขอเรียนเชิญเข้าร่วมการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5" in text
    assert "ระหว่างวันที่ 26 – 28 สิงหาคม 2562" in text
    assert letter.reference == "กท 1402/1"
    assert letter.addressee == "นายเปียร์กา ตาปิโอลา"


def test_an_english_letter_is_dated_in_the_common_era_with_its_own_prefix(pirkka_abroad):
    letter = letter_issue(participation=pirkka_abroad, kind="visa", language="en", dated=JULY_15)

    text = pdf_reading(issued_pdf(letter))
    assert "Ref. BMA 1402/1" in text
    assert "15 July 2019" in text
    assert "2562" not in text
    assert "The Ambassador or Consul-General of Thailand in Finland" in text
    assert "Excellency," in text
    assert "Mr. Pirkka Tapiola (นายเปียร์กา ตาปิโอลา)" in text
    assert "passport No. EU1234567, valid until 1 March 2027" in text
    assert "arrive in Thailand on 25 August 2019" in text
    assert "Yours sincerely," in text
    assert "Ms. Somsri Jaidee" in text


def test_an_english_invitation_is_addressed_to_the_delegate_by_family_name(pirkka_abroad):
    document = letter_document(
        pirkka_abroad, kind="invitation", language="en", reference="BMA 1402/9", dated=JULY_15
    )

    text = pdf_reading(letters_pdf([document]))
    assert "Dear Mr. Tapiola," in text
    assert "Subject: Invitation to the 5th ASEAN Mayors Forum" in text
    assert "from 26–28 August 2019" in text


def test_letters_embed_sarabun_and_keep_one_page(pirkka_abroad):
    for language in ("th", "en"):
        for kind in ("invitation", "visa"):
            letter = letter_issue(
                participation=pirkka_abroad, kind=kind, language=language, dated=JULY_15
            )
            content = issued_pdf(letter)
            fonts = pdf_fonts(content)
            assert fonts and all("Sarabun" in font["name"] for font in fonts)
            assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in fonts)
            assert pdf_text(content).count("\f") == 1, f"{kind} {language}: more than a page"


def test_the_thai_copied_from_a_letter_is_the_thai_it_was_written_from(pirkka_abroad, monkeypatch):
    rendered = []
    original = amf_pdf.html_to_pdf

    def recording(html):
        content = original(html)
        rendered.append((html, content))
        return content

    monkeypatch.setattr(amf_pdf, "html_to_pdf", recording)
    for kind in ("invitation", "visa"):
        for language in ("th", "en"):
            letter_issue(participation=pirkka_abroad, kind=kind, language=language)

    assert len(rendered) == 4
    assert [mismatches(html, content) for html, content in rendered] == [[], [], [], []]


def test_a_name_is_never_cut_at_the_end_of_a_line(pirkka_abroad):
    # "ตาปิโอลา" is no dictionary word: libthai alone would cut it "ตา|ปิโอลา".
    letter = letter_issue(participation=pirkka_abroad, kind="visa", language="en")

    lines = pdf_text(issued_pdf(letter)).splitlines()
    assert any("ตาปิโอลา" in line for line in lines)
    assert not any(line.rstrip().endswith("ตา") for line in lines)


def test_a_visa_letter_encloses_the_invitation_issued_before(pirkka_abroad):
    invitation = letter_issue(
        participation=pirkka_abroad, kind="invitation", language="th", dated=JULY_15
    )
    visa = letter_issue(participation=pirkka_abroad, kind="visa", language="th", dated=JULY_15)

    text = pdf_reading(issued_pdf(visa)).replace(" ", "")
    assert f"สิ่งที่ส่งมาด้วยสำเนาหนังสือเชิญที่{invitation.reference}".replace(" ", "") in text


def test_a_visa_letter_without_a_passport_number_says_what_is_missing(forum, pirkka):
    participation = factories.ParticipationFactory(forum=forum, person=pirkka)

    with pytest.raises(LetterProblem) as raised:
        letter_issue(participation=participation, kind="visa", language="th")

    assert "passport number" in str(raised.value) or "หนังสือเดินทาง" in str(raised.value)
    assert not IssuedLetter.objects.exists()


def test_a_forum_without_letter_settings_says_where_to_add_them(pirkka):
    participation = factories.ParticipationFactory(person=pirkka)

    with pytest.raises(LetterProblem) as raised:
        letter_issue(participation=participation, kind="invitation", language="en")

    assert participation.forum.title in str(raised.value)


def test_a_thai_passport_needs_no_visa_letter(forum):
    participation = factories.ParticipationFactory(
        forum=forum,
        passport_number="AA1234567",
        passport_nationality=Country.objects.get(code="TH"),
    )

    with pytest.raises(LetterProblem):
        letter_issue(participation=participation, kind="visa", language="th")


def test_a_batch_cut_into_chunks_makes_one_pdf_of_every_letter_and_one_record_each(
    forum, monkeypatch
):
    monkeypatch.setattr("delegates.services.letters.CHUNK", 2)
    participations = [
        factories.ParticipationFactory(forum=forum, precedence=n, passport_number=f"P{n:07d}")
        for n in range(5)
    ]

    result = letters_issue(
        forum=forum, participations=participations, kind="visa", language="th", dated=JULY_15
    )

    assert len(result.letters) == 5 == IssuedLetter.objects.count()
    assert pdf_text(result.pdf).count("\f") == 5
    text = pdf_reading(result.pdf)
    for n in range(5):
        assert f"P{n:07d}" in text
    # In protocol order, numbered in that order; each letter's own PDF is its page.
    assert [letter.number for letter in result.letters] == [1, 2, 3, 4, 5]
    for n, letter in enumerate(result.letters):
        own = issued_pdf(letter)
        assert pdf_text(own).count("\f") == 1
        assert f"P{n:07d}" in pdf_reading(own) and f"กท 1402/{n + 1}" in pdf_reading(own)


def test_a_batch_passes_over_those_lacking_data_and_those_of_another_forum(forum):
    ready = factories.ParticipationFactory(forum=forum, passport_number="P1234567")
    no_passport = factories.ParticipationFactory(forum=forum)
    elsewhere = factories.ParticipationFactory(passport_number="P7654321")

    result = letters_issue(
        forum=forum, participations=[ready, no_passport, elsewhere], kind="visa", language="en"
    )

    assert [letter.participation for letter in result.letters] == [ready]
    assert result.passed_over == 2
    assert any("another forum" in problem or "อื่น" in problem for problem in result.problems)
    assert not IssuedLetter.objects.filter(participation=elsewhere).exists()


def test_an_unknown_kind_or_language_of_letter_is_refused_by_the_service(pirkka_abroad):
    for kind, language in (("bribe", "th"), ("visa", "fr")):
        with pytest.raises(LetterProblem):
            letter_issue(participation=pirkka_abroad, kind=kind, language=language)

    assert not IssuedLetter.objects.exists()
