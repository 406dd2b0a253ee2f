"""The check-in code on a badge: a signed reference to one participation of one forum, with
nothing personal in it, printed on the badge as a QR code that reads back."""

import subprocess

import pytest
import zxingcpp
from django.core import signing
from django.utils import translation
from PIL import Image

from delegates.badge_codes import (
    SALT,
    BadgeCodeError,
    BadgeSigner,
    badge_code,
    badge_code_participation,
)
from delegates.models import Participation
from delegates.services.exports import badges_pdf
from tests.factories import ForumFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages are matched in English; the suite otherwise runs in Thai.
    with translation.override("en"):
        yield


@pytest.fixture
def aswin():
    return ParticipationFactory(
        person__first_name_th="อัศวิน",
        person__last_name_th="ขวัญเมือง",
        person__first_name_en="Aswin",
        person__last_name_en="Kwanmuang",
        person__email="aswin@bangkok.go.th",
    )


def test_a_badge_code_reads_back_as_its_participation(aswin):
    code = badge_code(aswin)

    assert badge_code_participation(code, forum=aswin.forum) == aswin


def test_a_badge_code_names_nobody_and_is_short_enough_to_type(aswin):
    code = badge_code(aswin)

    for personal in ("Aswin", "Kwanmuang", "อัศวิน", "aswin@bangkok.go.th", "bangkok"):
        assert personal.lower() not in code.lower()
    assert len(code) <= 40
    # QR's alphanumeric mode: capitals, digits and a few signs only.
    assert set(code) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.:")


def test_a_badge_code_typed_in_small_letters_or_with_spaces_still_reads(aswin):
    code = badge_code(aswin)
    typed = " " + code[:8].lower() + " " + code[8:].lower() + "\n"

    assert badge_code_participation(typed, forum=aswin.forum) == aswin


def test_a_badge_code_with_another_participation_s_number_is_refused(aswin):
    other = ParticipationFactory(forum=aswin.forum)
    _value, signature = badge_code(aswin).split(":")
    forged = f"{aswin.forum_id}.{other.pk}:{signature}"

    with pytest.raises(BadgeCodeError, match="not valid"):
        badge_code_participation(forged, forum=aswin.forum)


def test_a_badge_code_signed_with_another_key_or_salt_is_refused(aswin, settings):
    value = f"{aswin.forum_id}.{aswin.pk}"
    other_key = BadgeSigner(key="someone-else-s-key", salt=SALT, sep=":").sign(value)
    other_salt = BadgeSigner(salt="amf.something-else", sep=":").sign(value)
    # A value signed by the site for another purpose (Django's plain signer) is no badge code.
    plain = signing.Signer().sign(value)

    for forged in (other_key, other_salt, plain):
        with pytest.raises(BadgeCodeError, match="not valid"):
            badge_code_participation(forged, forum=aswin.forum)


def test_badges_printed_before_the_secret_key_was_rotated_still_read(aswin, settings):
    code = badge_code(aswin)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-secret-key-after-rotation"

    assert badge_code_participation(code, forum=aswin.forum) == aswin


@pytest.mark.parametrize(
    "garbled",
    ["", "   ", "hello", "12.34", ":", "12.34:", "https://example.org/", "x" * 5000, "๑๒.๓๔:ABC"],
)
def test_something_that_is_no_badge_code_is_refused_with_a_message(aswin, garbled):
    with pytest.raises(BadgeCodeError) as error:
        badge_code_participation(garbled, forum=aswin.forum)

    assert str(error.value)


def test_a_badge_of_another_forum_is_refused_at_this_forum_s_door(aswin):
    elsewhere = ForumFactory()

    with pytest.raises(BadgeCodeError, match="another forum"):
        badge_code_participation(badge_code(aswin), forum=elsewhere)


def test_the_badge_of_a_deleted_participation_is_refused(aswin):
    code, forum = badge_code(aswin), aswin.forum
    Participation.objects.filter(pk=aswin.pk).delete()

    with pytest.raises(BadgeCodeError, match="no longer registered"):
        badge_code_participation(code, forum=forum)


def test_the_badge_pdf_carries_a_qr_code_that_reads_back_as_the_badge_code(aswin, tmp_path):
    second = ParticipationFactory(forum=aswin.forum, person__first_name_en="Second")
    participations = Participation.objects.filter(forum=aswin.forum)
    (tmp_path / "badges.pdf").write_bytes(badges_pdf(participations=participations, layout="a6"))

    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", tmp_path / "badges.pdf", tmp_path / "page"], check=True
    )

    pages = sorted(tmp_path.glob("page-*.png"))
    read = [zxingcpp.read_barcodes(Image.open(page)) for page in pages]
    assert [[(code.format, code.text) for code in codes] for codes in read] == [
        [(zxingcpp.BarcodeFormat.QRCode, badge_code(participation))]
        for participation in participations.for_export()
    ]
    assert {badge_code(aswin), badge_code(second)} == {codes[0].text for codes in read}


def test_four_badges_on_an_a4_page_each_carry_their_own_readable_qr_code(tmp_path):
    forum = ForumFactory()
    ParticipationFactory.create_batch(4, forum=forum)
    participations = Participation.objects.filter(forum=forum)
    (tmp_path / "badges.pdf").write_bytes(badges_pdf(participations=participations, layout="a4"))

    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", tmp_path / "badges.pdf", tmp_path / "page"], check=True
    )

    (page,) = tmp_path.glob("page-*.png")
    found = {code.text for code in zxingcpp.read_barcodes(Image.open(page))}
    assert found == {badge_code(participation) for participation in participations}


def test_the_door_staff_read_why_a_badge_is_refused_in_thai(aswin):
    with translation.override("th"), pytest.raises(BadgeCodeError) as error:
        badge_code_participation(badge_code(aswin), forum=ForumFactory())

    assert str(error.value).startswith("บัตรประจำตัวนี้เป็นของการประชุมอื่น")
