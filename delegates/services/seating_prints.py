"""What the protocol desk prints from seating: the plan (A4 landscape) and tent place cards.

Both carry names and delegations only, never contact details; each print is logged as an
export of delegates' data (ExportLog), as badges are.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from amf.dates import format_date
from amf.pdf import render_pdf
from delegates.models import ExportLog, Participation, SeatingPlan
from delegates.seating_drawing import plan_svg, seat_labels, written_name
from delegates.services.exports import export_log_record

# A name longer than this many characters is set smaller, so that it fits on one line.
LONG_NAME = 26


def seating_plan_pdf(*, plan: SeatingPlan, language: str, user=None) -> bytes:
    """Log and render `plan` as an A4 landscape PDF in `language`: the picture, then the
    list of seats with each person's name and delegation."""
    labels = seat_labels(plan, language)
    session = plan.session
    export_log_record(
        kind=ExportLog.Kind.SEATING_PLAN_PDF,
        row_count=sum(not label.empty for label in labels),
        includes_contact_details=False,
        forum=session.forum,
        user=user,
    )
    local = session.starts_at.astimezone(session.forum.zone)
    with translation.override(language):
        return render_pdf(
            "delegates/seatingplan_pdf.html",
            {
                "plan": plan,
                "session": session,
                "forum": session.forum,
                "when": f"{format_date(local.date(), language=language)} · {local:%H:%M}",
                "svg": plan_svg(plan, labels, language=language),
                "seats": [label for label in labels if not label.empty],
            },
        )


def place_card(participation: Participation) -> dict:
    """What one tent card shows: the name in Thai and in English, delegation and country."""
    person = participation.person
    delegation = participation.delegation or person.organisation
    country = participation.find_listed_country()
    names = {language: written_name(person, language) for language in ("th", "en")}
    lines = {}
    for language in ("th", "en"):
        with translation.override(language):
            lines[language] = (
                delegation.name if delegation else "",
                country.name if country else "",
            )
    _delegation_th, country_th = lines["th"]
    delegation_en, country_en = lines["en"]
    return {
        "name_th": names["th"],
        # The English name, unless it would only repeat the Thai one (no English recorded).
        "name_en": names["en"] if names["en"] != names["th"] else "",
        "delegation": (delegation.acronym if delegation else "") or delegation_en,
        "country_th": country_th,
        "country_en": country_en if country_en != country_th else "",
        "long": max(len(names["th"]), len(names["en"])) > LONG_NAME,
    }


def place_cards_pdf(*, participations, plan: SeatingPlan | None = None, user=None) -> bytes:
    """Log and render tent place cards, one to an A4 landscape page folded in half.

    The name is printed on both halves, the upper one upside down, so that it reads from
    both sides of the table once folded. Cards come in `plan`'s seat order (head table,
    then rows front to back) when a plan is given, else in protocol order.
    """
    if plan is not None:
        participations = participations.filter(seats__plan=plan).order_by(
            "seats__row", "seats__position"
        )
    else:
        participations = participations.in_protocol_order()
    participations = participations.select_related(
        "person", "delegation", "country", "delegation__country", "person__organisation__country"
    )
    cards = [place_card(participation) for participation in participations]
    export_log_record(
        kind=ExportLog.Kind.PLACE_CARDS_PDF,
        row_count=len(cards),
        includes_contact_details=False,
        forum=plan.session.forum if plan is not None else participations.sole_forum(),
        user=user,
    )
    return render_pdf(
        "delegates/participation_place_cards.html",
        {"cards": cards, "title": _("Place cards")},
    )
