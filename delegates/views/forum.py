"""A forum's public page."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.generic import View

from delegates.models import ForumPartner
from delegates.views.common import ForumPage, registration_context
from events.models import Forum, OutcomeDocument
from events.pages import RememberedMixin

LEAD_ROLES = {ForumPartner.Role.HOST, ForumPartner.Role.CO_HOST, ForumPartner.Role.CO_ORGANISER}


class ForumDetailView(RememberedMixin, View):
    """Title, theme, dates, venue, hosts and partners, priorities, frameworks and outcomes."""

    template_name = "delegates/forum_detail.html"

    def get(self, request, slug):
        page = ForumPage(request, slug)
        page.query()
        return page.respond(("forum", page.registration), lambda: self.render(page))

    def render(self, page: ForumPage):
        partners = ForumPartner.objects.select_related("organisation__country")
        forum = get_object_or_404(
            Forum.objects.published()
            .select_related("venue", "series")
            .prefetch_related(
                "priorities",
                "frameworks",
                Prefetch("outcome_documents", queryset=OutcomeDocument.objects.public()),
                "related_events",
                Prefetch("partners", queryset=partners, to_attr="partner_list"),
            ),
            slug=page.slug,
        )
        context = {
            "forum": forum,
            "hosts": [p for p in forum.partner_list if p.role in LEAD_ROLES],
            "partners": [p for p in forum.partner_list if p.role not in LEAD_ROLES],
            "session_count": forum.sessions.count(),
            **registration_context(page),
        }
        return TemplateResponse(page.request, self.template_name, context).render()
