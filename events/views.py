"""Public pages that show forums only."""

from django.views.generic import TemplateView

from events.models import Forum


class HomeView(TemplateView):
    """Published forums: those to come first, soonest first, then past editions."""

    template_name = "events/forum_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forums = Forum.objects.published().select_related("venue")
        context.update(upcoming=list(forums.upcoming()), past=list(forums.past()))
        return context
