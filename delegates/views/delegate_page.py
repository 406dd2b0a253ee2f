"""The delegate's own page, opened by their personal link: no account, no password.

Every answer to a token that opens nothing is the same 404 page, whatever the reason
(garbled, forged, revoked, expired, anonymised). The page is the delegate's alone: it is
never stored by a shared cache, and its address (which holds the token) is never sent on
as a Referer.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_protect
from django.views.generic import View

from delegates.services.links import access_link_open


def private(response):
    """Mark `response` as the delegate's alone: no cache keeps it, no Referer carries its address."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@method_decorator(csrf_protect, name="dispatch")
class DelegatePageView(View):
    """What the office holds about the delegate for one forum, and what they may change."""

    template_name = "delegates/participation_delegate_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.participation = access_link_open(token=kwargs["token"])
        if self.participation is None:
            raise Http404("No such page.")
        return private(super().dispatch(request, *args, **kwargs))

    def get(self, request, token):
        context = {"participation": self.participation, "forum": self.participation.forum}
        return TemplateResponse(request, self.template_name, context).render()

    def post(self, request, token):
        # The page's forms arrive in the next commit; until then nothing is changed.
        return TemplateResponse(
            request,
            self.template_name,
            {"participation": self.participation, "forum": self.participation.forum},
            status=400,
        ).render()
