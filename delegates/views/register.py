"""Registering for a forum on its public form."""

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import View

from amf import spam
from delegates.models import ForumRegistration
from delegates.models.registration import RegistrationState
from delegates.registration_forms import REGISTRATION, REGISTRATION_RATE_LIMIT, RegistrationForm
from delegates.services.self_registration import (
    RegistrationRefused,
    participation_self_register,
)
from delegates.views.common import ForumPage

# How a refused registration is answered: not open (yet, or any more) is forbidden, a full
# forum a conflict with its state.
REFUSED_STATUS = {
    RegistrationState.UPCOMING: 403,
    RegistrationState.CLOSED: 403,
    RegistrationState.FULL: 409,
}


@method_decorator(never_cache, name="dispatch")
class RegistrationView(View):
    """The form while registration is open; otherwise what stands in its way, and until when.

    Not kept in the cache: it holds each visitor's form token and their answers.
    """

    template_name = "delegates/forum_register.html"
    http_method_names = ["get", "post", "head"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = ForumPage(request, kwargs["slug"])

    def state(self) -> RegistrationState:
        state = RegistrationState(self.page.registration)
        if state == RegistrationState.NONE:
            raise Http404(_("This forum takes no registrations."))
        return state

    def get(self, request, slug):
        state = self.state()
        form = RegistrationForm() if state == RegistrationState.OPEN else None
        return self.render(form, state)

    def post(self, request, slug):
        state = self.state()
        if state != RegistrationState.OPEN:
            return self.render(None, state, status=REFUSED_STATUS[state])
        form = RegistrationForm(request.POST)
        if spam.rate_limited(
            spam.client_address(request), purpose=REGISTRATION, limit=REGISTRATION_RATE_LIMIT
        ):
            form.is_valid()
            form.add_error(
                None, _("Too many registrations have come from your connection. Try again later.")
            )
            return self.render(form, state, status=429)
        if not form.is_valid():
            return self.render(form, state, status=400)
        try:
            participation_self_register(
                forum_id=self.page.version.pk,
                registrant=form.registrant(),
                language=get_language(),
            )
        except RegistrationRefused as refused:
            if refused.state == RegistrationState.NONE:
                raise Http404(_("This forum takes no registrations.")) from None
            return self.render(None, refused.state, status=REFUSED_STATUS[refused.state])
        # The same answer whether the address had registered before or not: the page must
        # not tell anyone who else has registered.
        return HttpResponseRedirect(reverse("delegates:register_done", args=[slug]), status=303)

    def render(self, form, state: RegistrationState, *, status: int = 200):
        forum = self.page.forum
        context = {
            "forum": forum,
            "settings": ForumRegistration.objects.filter(forum=forum).first(),
            "form": form,
            "state": state.value,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


class RegistrationDoneView(View):
    """What a registrant reads after sending the form: the same for everyone."""

    template_name = "delegates/forum_register_done.html"
    http_method_names = ["get", "head"]

    def get(self, request, slug):
        page = ForumPage(request, slug)
        page.query()
        return page.respond(("register-done",), lambda: self.render(page))

    def render(self, page: ForumPage):
        context = {"forum": page.forum}
        return TemplateResponse(page.request, self.template_name, context).render()
