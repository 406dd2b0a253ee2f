"""The people who speak at or chair a forum's sessions and agreed to be listed publicly."""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from delegates.models import Participation, SessionRole
from delegates.views.common import published_forum


def speaker_participations(forum):
    """Public participations of people with a role in one of the forum's sessions."""
    roles = SessionRole.objects.filter(session__forum=forum, person=OuterRef("person"))
    own_roles = (
        SessionRole.objects.filter(session__forum=forum)
        .select_related("session__room__venue")
        .order_by("session__starts_at", "session__order", "session__pk", "pk")
    )
    return (
        Participation.objects.public()
        .filter(forum=forum)
        .filter(Exists(roles))
        .select_related("person__organisation", "delegation")
        .prefetch_related(Prefetch("person__session_roles", queryset=own_roles, to_attr="roles"))
        .in_protocol_order()
    )


class SpeakerListView(TemplateView):
    """Speakers, chairs and moderators in protocol order, with their sessions."""

    template_name = "delegates/person_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum = published_forum(self.kwargs["slug"])
        context.update(forum=forum, participations=list(speaker_participations(forum)))
        return context


class SpeakerDetailView(TemplateView):
    """One speaker: rank, name, position, organisation, biography and sessions."""

    template_name = "delegates/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum = published_forum(self.kwargs["slug"])
        found = list(speaker_participations(forum).filter(person_id=self.kwargs["pk"]))
        if not found:
            raise Http404(_("No such speaker in this forum."))
        context.update(forum=forum, participation=found[0], person=found[0].person)
        return context
