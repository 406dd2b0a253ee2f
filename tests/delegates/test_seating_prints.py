"""Seating printed: the plan drawn as SVG and PDF, and tent place cards, at once or as a job."""

import re

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from amf.models import Job
from delegates.models import ExportLog, Participation, SeatingPlan
from delegates.seating_drawing import plan_svg, seat_labels
from delegates.services.seating import seating_plan_propose
from delegates.services.seating_prints import place_cards_pdf, seating_plan_pdf
from tests import factories
from tests.reports.pdftools import pdf_fonts, pdf_info, pdf_reading

pytestmark = pytest.mark.django_db

# (Thai given, Thai family, English given, English family, precedence)
PEOPLE = [
    ("อนุพงษ์", "เผ่าจินดา", "Anupong", "Paochinda", 1),
    ("อัศวิน", "ขวัญเมือง", "Aswin", "Kwanmuang", 2),
    ("เบอร์นาเดีย", "จันดราเดวี", "Bernadia", "Tjandradewi", 3),
    ("อาร์มิดา", "อาลิสจะฮ์บานา", "Armida", "Alisjahbana", 4),
    ("เปียร์กา", "ตาปิโอลา", "Pirkka", "Tapiola", 5),
]


@pytest.fixture
def plan():
    session = factories.SessionFactory()
    participations = []
    for given_th, family_th, given_en, family_en, precedence in PEOPLE:
        participation = factories.ParticipationFactory(
            forum=session.forum,
            precedence=precedence,
            person__honorific_th="นาย",
            person__honorific_en="Mr.",
            person__first_name_th=given_th,
            person__last_name_th=family_th,
            person__first_name_en=given_en,
            person__last_name_en=family_en,
            delegation=factories.OrganisationFactory(acronym=f"D{precedence}"),
        )
        participations.append(participation)
    for participation in participations[:3]:
        factories.SessionRoleFactory(session=session, person=participation.person)
    return seating_plan_propose(plan=SeatingPlan(session=session, row_width=4))


def test_the_svg_shows_each_name_in_its_seat_from_the_audiences_left(plan):
    svg = plan_svg(plan, seat_labels(plan, "en"), language="en")

    given = re.findall(r'font-weight="700" fill="#1b1b1b">(\w+)</text><text[^>]*>(\w+)', svg)
    # Head table: No. 2 at No. 1's right (the audience's left), No. 3 at the left; then row 1.
    assert [first for first, _family in given] == [
        "Aswin",
        "Anupong",
        "Bernadia",
        "Pirkka",
        "Armida",
    ]
    assert svg.startswith("<svg") and 'lang="en"' in svg
    assert "Head table" in svg and "Row 1" in svg


def test_the_svg_writes_names_in_thai_in_thai(plan):
    svg = plan_svg(plan, seat_labels(plan, "th"), language="th")

    assert svg.index("อัศวิน") < svg.index("อนุพงษ์") < svg.index("เบอร์นาเดีย")
    assert "Aswin" not in svg


def test_the_svg_escapes_what_people_typed(plan):
    participation = Participation.objects.get(person__first_name_en="Aswin")
    participation.person.first_name_en = "<script>alert(1)</script>"
    participation.person.save()

    svg = plan_svg(plan, seat_labels(plan, "en"), language="en")

    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize(
    ("language", "names"), [("th", ("อัศวิน", "อนุพงษ์")), ("en", ("Aswin", "Anupong"))]
)
def test_the_plan_pdf_is_a4_landscape_in_sarabun_with_the_names_in_its_language(
    plan, language, names
):
    pdf = seating_plan_pdf(plan=plan, language=language, user=factories.UserFactory())

    text = pdf_reading(pdf)
    assert all(name in text for name in names)
    assert text.index(names[0]) < text.index(names[1])
    assert ("Aswin" in text) is (language == "en")
    assert pdf_info(pdf)["Page size"].startswith("841.89 x 595.276")
    fonts = pdf_fonts(pdf)
    assert fonts and all(font["name"].split("+")[-1].startswith("Sarabun") for font in fonts)
    assert all(font["emb"] == "yes" for font in fonts)
    log = ExportLog.objects.get()
    assert (log.kind, log.row_count, log.includes_contact_details) == ("seating_plan_pdf", 5, False)


def test_place_cards_print_each_name_twice_in_thai_and_english_in_seat_order(plan):
    pdf = place_cards_pdf(participations=Participation.objects.all(), plan=plan)

    text = pdf_reading(pdf)
    # pdftotext reads the upside-down half's Thai with a space between letters.
    letters = text.replace(" ", "")
    assert pdf_info(pdf)["Pages"] == "5"
    assert pdf_info(pdf)["Page size"].startswith("841.89 x 595.276")
    for given_th, family_th, given_en, family_en, _precedence in PEOPLE:
        assert letters.count(f"นาย{given_th}{family_th}") == 2
        assert letters.count(f"Mr.{given_en}{family_en}") == 2
    # Head table first, from the audience's left: Aswin, Anupong, Bernadia.
    assert (
        text.index("Aswin") < text.index("Anupong") < text.index("Bernadia") < text.index("Pirkka")
    )
    assert "D2" in text
    assert ExportLog.objects.get().kind == "place_cards_pdf"


def test_a_plans_place_cards_download_at_once_when_few(admin_client, plan):
    response = admin_client.post(reverse("admin:delegates_seatingplan_place_cards", args=[plan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_many_place_cards_are_made_by_a_background_job_in_seat_order(
    client, plan, run_jobs, settings
):
    settings.JOBS_INLINE_MAX_ROWS = 2
    user = factories.SuperuserFactory()
    client.force_login(user)

    response = client.post(reverse("admin:delegates_seatingplan_place_cards", args=[plan.pk]))
    job = Job.objects.get(pk=resolve(response["Location"]).kwargs["object_id"])
    run_jobs()

    job.refresh_from_db()
    assert job.state == "succeeded", job.message
    assert job.forum == plan.session.forum
    text = pdf_reading(bytes(job.file.data))
    assert text.index("Aswin") < text.index("Anupong") < text.index("Pirkka")
    assert text.count("Mr. Armida Alisjahbana") == 2
    log = ExportLog.objects.get()
    assert (log.kind, log.row_count, log.user) == ("place_cards_pdf", 5, user)


def test_place_cards_of_a_selection_are_an_action_on_the_delegate_list(
    client, plan, run_jobs, settings
):
    settings.JOBS_INLINE_MAX_ROWS = 2
    client.force_login(factories.SuperuserFactory())
    chosen = Participation.objects.filter(person__first_name_en__in=["Pirkka", "Armida", "Aswin"])

    response = client.post(
        reverse("admin:delegates_participation_changelist"),
        {"action": "place_cards", "_selected_action": [p.pk for p in chosen], "index": 0},
    )
    job = Job.objects.get(pk=resolve(response["Location"]).kwargs["object_id"])
    run_jobs()

    text = pdf_reading(bytes(Job.objects.get(pk=job.pk).file.data))
    # In protocol order.
    assert text.index("Aswin") < text.index("Armida") < text.index("Pirkka")
    assert "Anupong" not in text


def test_a_few_place_cards_of_a_selection_download_at_once(admin_client, plan):
    response = admin_client.post(
        reverse("admin:delegates_participation_changelist"),
        {
            "action": "place_cards",
            "_selected_action": list(Participation.objects.values_list("pk", flat=True)[:2]),
            "index": 0,
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_plan_pdf_answers_only_in_thai_or_english(admin_client, plan):
    with translation.override("en"):
        ok = admin_client.get(reverse("admin:delegates_seatingplan_pdf", args=[plan.pk, "en"]))
        other = admin_client.get(reverse("admin:delegates_seatingplan_pdf", args=[plan.pk, "fr"]))

    assert ok.status_code == 200 and ok["Content-Type"] == "application/pdf"
    assert other.status_code == 404
