"""A forum's public page."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from delegates.models import ForumPartner
from events.models import Forum

LEAD_ROLES = {ForumPartner.Role.HOST, ForumPartner.Role.CO_HOST, ForumPartner.Role.CO_ORGANISER}


class ForumDetailView(TemplateView):
    """Title, theme, dates, venue, hosts and partners, priorities, frameworks and outcomes."""

    template_name = "delegates/forum_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.kwargs["slug"]
        partners = ForumPartner.objects.select_related("organisation__country")
        forum = get_object_or_404(
            Forum.objects.published()
            .select_related("venue", "series")
            .prefetch_related(
                "priorities",
                "frameworks",
                "outcome_documents",
                "related_events",
                Prefetch("partners", queryset=partners, to_attr="partner_list"),
            ),
            slug=slug,
        )
        context.update(
            forum=forum,
            hosts=[p for p in forum.partner_list if p.role in LEAD_ROLES],
            partners=[p for p in forum.partner_list if p.role not in LEAD_ROLES],
            session_count=forum.sessions.count(),
        )
        return context
