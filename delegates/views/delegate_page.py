"""The delegate's own page, opened by their personal link: no account, no password.

Every answer to a token that opens nothing is the same 404 page, whatever the reason
(garbled, forged, revoked, expired, anonymised). The page is the delegate's alone: it is
never stored by a shared cache, and its address (which holds the token) is never sent on
as a Referer: the Referrer-Policy is "strict-origin", which sends the site's origin and
never a path. Not "no-referrer": under it browsers post forms with `Origin: null` and no
Referer, which Django's CSRF protection rightly refuses (and on HTTPS it requires a
Referer), so the page's forms would not work. Each section is a form of its own, posted
to this same address without JavaScript, CSRF-protected and counted against the link's
allowance of changes.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.defaults import page_not_found
from django.views.generic import View

from amf import downloads, spam
from amf.downloads import file_download
from delegates import forms
from delegates.models import Country
from delegates.services import replies
from delegates.services.access import person_access_file
from delegates.services.links import access_link_open

PURPOSE = "delegate-page"
# Changes one link may post an hour: far more than a person filling the page in needs.
CHANGES_PER_HOUR = 40

FORMS = {
    form.section: form
    for form in (
        forms.ResponseForm,
        forms.DetailsForm,
        forms.ConsentsForm,
        forms.NeedsForm,
        forms.TravelForm,
        forms.VisaForm,
        forms.VisaWithdrawForm,
        forms.AccompanyingForm,
        forms.RemoveMemberForm,
        forms.AccessFileForm,
    )
}


def private(response):
    """Mark `response` as the delegate's own: no cache keeps it, no Referer carries its path."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response.headers["Referrer-Policy"] = "strict-origin"
    return response


@method_decorator(csrf_protect, name="dispatch")
class DelegatePageView(View):
    """What the office holds about the delegate for one forum, and what they may change."""

    template_name = "delegates/participation_delegate_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.participation = access_link_open(token=kwargs["token"])
        if self.participation is None:
            # The site's own 404 page, the same for every reason, kept private like the page.
            return private(page_not_found(request, Http404("No such page.")))
        self.language = get_language()
        return private(super().dispatch(request, *args, **kwargs))

    # Reading.

    def get(self, request, token):
        return self.render()

    def render(self, bound=None, *, status: int = 200):
        participation = self.participation
        party = [] if participation.accompanies_id else list(replies.accompanying_of(participation))
        countries = list(Country.objects.order_by("name_" + self.language))
        built = {
            "reply": forms.ResponseForm(initial={"response": participation.response}),
            "details": forms.DetailsForm(
                initial=forms.DetailsForm.initial_for(participation.person, self.language)
            ),
            "consents": forms.ConsentsForm(initial=forms.ConsentsForm.initial_for(participation)),
            "needs": forms.NeedsForm(instance=participation),
            "travel": forms.TravelForm(instance=participation),
            "visa": forms.VisaForm(
                countries=countries,
                initial={
                    "passport_number": participation.passport_number,
                    "passport_nationality": participation.passport_nationality_id,
                    "passport_expires_on": participation.passport_expires_on,
                },
            ),
            "add_member": forms.AccompanyingForm(),
        }
        members = [
            {
                "participation": member,
                # The same field names as the delegate's own form; ids of their own.
                "consents": forms.ConsentsForm(
                    initial=forms.ConsentsForm.initial_for(member),
                    auto_id=f"id_member{member.pk}_%s",
                    member=True,
                ),
            }
            for member in party
        ]
        if bound is not None:
            member = bound.data.get("consents-member") if bound.section == "consents" else ""
            entry = next((e for e in members if str(e["participation"].pk) == member), None)
            if entry is not None:
                bound.auto_id = entry["consents"].auto_id
                bound.fields = entry["consents"].fields
                entry["consents"] = bound
            else:
                built[bound.section] = bound
        context = {
            "participation": participation,
            "person": participation.person,
            "forum": participation.forum,
            "forms": built,
            "members": members,
            "may_add_members": not participation.accompanies_id
            and len(party) < replies.MAX_ACCOMPANYING,
            "heads_delegation": not participation.accompanies_id,
            "Response": replies.Response,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status).render()

    # Writing.

    def post(self, request, token):
        section = request.POST.get("section", "")
        form_class = FORMS.get(section)
        if form_class is None:
            return HttpResponseBadRequest(_("This form is not one of the page's."))
        if spam.rate_limited(
            f"link:{self.participation.pk}",
            purpose=PURPOSE,
            limit=CHANGES_PER_HOUR,
            window_seconds=60 * 60,
        ):
            messages.error(
                request,
                _("Too many changes have been sent from this page. Please try again in an hour."),
            )
            return self.render(status=429)
        form = self.bind(form_class, request)
        if not form.is_valid():
            return self.render(form, status=400)
        handler = getattr(self, f"save_{section}")
        try:
            outcome = handler(form)
        except replies.ReplyError:
            return HttpResponseBadRequest(_("This change cannot be made."))
        if outcome is not None and not isinstance(outcome, str):
            return outcome
        messages.success(request, outcome or _("Thank you: your changes are saved."))
        anchor = {"remove_member": "add_member", "visa_withdraw": "visa"}.get(section, section)
        return HttpResponseRedirect(f"{request.path}#{anchor}")

    def bind(self, form_class, request):
        data = request.POST
        if form_class in (forms.NeedsForm, forms.TravelForm):
            return form_class(data, instance=self.participation)
        if form_class is forms.VisaForm:
            countries = list(Country.objects.order_by("name_" + self.language))
            return form_class(data, countries=countries)
        return form_class(data)

    def member(self, pk):
        """One of the people accompanying the delegate, or ReplyError."""
        found = replies.accompanying_of(self.participation).filter(pk=pk).first()
        if pk is None or found is None:
            raise replies.ReplyError("Not one of this delegation.")
        return found

    def save_reply(self, form):
        response = form.cleaned_data["response"]
        replies.participation_respond(participation=self.participation, response=response)
        if response == replies.Response.ACCEPTED:
            return _("Thank you: we look forward to welcoming you.")
        return _("Thank you for letting us know that you cannot take part.")

    def save_details(self, form):
        replies.participation_details_correct(
            participation=self.participation, language=self.language, **form.cleaned_data
        )

    def save_consents(self, form):
        data = form.cleaned_data
        member = data["member"]
        replies.participation_consents_set(
            head=self.participation,
            participation=self.participation if member is None else self.member(member),
            public_listing=data["public_listing"],
            photographs=data["photographs"],
        )

    def save_needs(self, form):
        replies.participation_needs_set(
            head=self.participation, participation=self.participation, **form.cleaned_data
        )

    def save_travel(self, form):
        replies.participation_travel_set(participation=self.participation, travel=form.cleaned_data)

    def save_visa(self, form):
        replies.participation_visa_letter_request(
            participation=self.participation, **form.cleaned_data
        )
        return _("Thank you: the office will prepare your visa support letter.")

    def save_visa_withdraw(self, form):
        replies.participation_visa_letter_request(
            participation=self.participation,
            passport_number="",
            passport_nationality=None,
            passport_expires_on=None,
            requested=False,
        )
        return _("Your request and your passport details are removed.")

    def save_add_member(self, form):
        if self.participation.accompanies_id:
            raise replies.ReplyError("An accompanying person names no delegation.")
        data = form.cleaned_data
        try:
            replies.accompanying_person_add(
                head=self.participation,
                language=self.language,
                honorific=data["honorific"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                position=data["position"],
                consents_to_public_listing=data["public_listing"],
                consents_to_photographs=data["photographs"],
                needs={
                    "dietary_needs": data["dietary_needs"],
                    "accessibility_needs": data["accessibility_needs"],
                    "interpretation_language": data["interpretation_language"],
                },
            )
        except replies.ReplyError:
            messages.error(
                self.request,
                ngettext(
                    "A delegation can name at most %(count)d accompanying person.",
                    "A delegation can name at most %(count)d accompanying persons.",
                    replies.MAX_ACCOMPANYING,
                )
                % {"count": replies.MAX_ACCOMPANYING},
            )
            return HttpResponseRedirect(f"{self.request.path}#add_member")
        return _("%(name)s is added to your delegation.") % {"name": data["first_name"]}

    def save_remove_member(self, form):
        member = self.member(form.cleaned_data["member"])
        replies.accompanying_person_remove(head=self.participation, participation=member)
        return _("%(name)s is no longer listed in your delegation.") % {
            "name": member.person.full_name
        }

    def save_access_file(self, form):
        produced = person_access_file(
            person=self.participation.person, user=None, language=self.language
        )
        return file_download(
            produced.content, filename=produced.filename, content_type=downloads.ZIP
        )
