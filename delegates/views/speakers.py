"""The people who speak at or chair a forum's sessions and agreed to be listed publicly."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import View

from delegates.listing import Labels, label_speakers
from delegates.programme import listed_speakers, speaker_participations
from delegates.views.common import ForumPage
from events.pages import RememberedMixin


class SpeakerListView(RememberedMixin, View):
    """Speakers, chairs and moderators in protocol order, with their sessions."""

    template_name = "delegates/person_list.html"

    def get(self, request, slug):
        page = ForumPage(request, slug)
        page.query()
        return page.respond(("speakers",), lambda: self.render(page))

    def render(self, page: ForumPage):
        forum = page.forum
        participations = list(listed_speakers(forum))
        label_speakers(participations, Labels(forum))
        context = {"forum": forum, "participations": participations}
        return TemplateResponse(page.request, self.template_name, context).render()


class SpeakerDetailView(RememberedMixin, View):
    """One speaker: rank, name, position, organisation, biography and sessions."""

    template_name = "delegates/person_detail.html"

    def get(self, request, slug, pk):
        page = ForumPage(request, slug)
        if pk not in page.index.speakers:
            return page.not_found("speaker")
        page.query()
        return page.respond(("speaker", pk), lambda: self.render(page, pk))

    def render(self, page: ForumPage, pk: int):
        forum = page.forum
        found = list(speaker_participations(forum).filter(person_id=pk))
        if not found:
            raise Http404(_("No such speaker in this forum."))
        context = {"forum": forum, "participation": found[0], "person": found[0].person}
        return TemplateResponse(page.request, self.template_name, context).render()
