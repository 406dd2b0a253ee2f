"""Public pages that show forums only."""

import datetime as dt

from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.generic import View

from events.models import Forum
from events.pages import RememberedMixin, answer_holds_for, cached_response, canonical_query
from events.versions import site_version


class HomeView(RememberedMixin, View):
    """Published forums: those to come first, soonest first, then past editions.

    Cached under the site's version and the day, which decides what is still to come.
    """

    template_name = "events/forum_list.html"

    def get(self, request):
        canonical_query(request, {})
        now = timezone.localtime()
        today = now.date()
        tomorrow = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
        answer_holds_for(request, (tomorrow - now).total_seconds())
        return cached_response(
            request,
            version=site_version(),
            parts=("home", today.isoformat()),
            render=lambda: self.render(request, today),
        )

    def render(self, request, today):
        forums = Forum.objects.published().select_related("venue")
        context = {
            "upcoming": list(forums.upcoming(today=today)),
            "past": list(forums.past(today=today)),
        }
        return TemplateResponse(request, self.template_name, context).render()
