"""Public pages of published bulletins: the list, one bulletin with its feedback form, the PDF."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from amf import downloads
from amf.downloads import file_download
from reports import spam
from reports.document import document_from_bulletin
from reports.forms import BulletinFilterForm, FeedbackForm
from reports.models import Bulletin
from reports.pdfs import DOCUMENT_RELATED, bulletin_pdf, pdf_filename
from reports.services import feedback_submit


def not_found(request) -> TemplateResponse:
    """The reports' 404 page, in the visitor's language."""
    return TemplateResponse(request, "reports/bulletin_not_found.html", status=404)


class BulletinListView(ListView):
    """Published bulletins, newest first, filtered by year and mission group, searchable."""

    template_name = "reports/bulletin_list.html"
    context_object_name = "bulletins"
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:  # a page number past the end
            return not_found(request)

    def get_queryset(self):
        published = Bulletin.objects.published()
        self.form = BulletinFilterForm(self.request.GET or None, years=published.forum_years())
        bulletins = published.for_listing()
        if self.form.is_bound:
            self.form.is_valid()
            data = getattr(self.form, "cleaned_data", {})
            if data.get("q"):
                bulletins = bulletins.search(data["q"])
            if data.get("year"):
                bulletins = bulletins.of_year(data["year"])
            if data.get("group"):
                bulletins = bulletins.filter(mission_group=data["group"])
        return bulletins

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["filtered"] = bool(self.form.is_bound and self.form.has_changed())
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class BulletinDetailView(DetailView):
    """One published bulletin in the visitor's language, with PDF and a feedback form."""

    template_name = "reports/bulletin_detail.html"
    context_object_name = "bulletin"

    def get_queryset(self):
        return Bulletin.objects.published().select_related(*DOCUMENT_RELATED)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            return not_found(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["document"] = document_from_bulletin(self.object, language=get_language())
        context.setdefault("form", FeedbackForm())
        if self.object.published_at:
            context["published_on"] = timezone.localdate(self.object.published_at)
        context["revision_count"] = self.object.revisions.filter(event="revised").count()
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = FeedbackForm(request.POST)
        if spam.rate_limited(spam.client_address(request)):
            form.is_valid()
            form.add_error(
                None, _("Too many suggestions have come from your connection. Try again later.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        feedback_submit(
            bulletin=self.object,
            message=form.cleaned_data["message"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            language=get_language(),
        )
        messages.success(request, _("Thank you. Your suggestion has been passed to the office."))
        return redirect(reverse("reports:bulletin_detail", args=[self.object.pk]) + "#feedback")


@require_GET
def bulletin_pdf_download(request, pk: int) -> HttpResponse:
    """The published bulletin as a PDF in the visitor's language."""
    bulletin = Bulletin.objects.published().select_related(*DOCUMENT_RELATED).filter(pk=pk).first()
    if bulletin is None:
        return not_found(request)
    language = get_language()
    return file_download(
        bulletin_pdf(bulletin, language=language),
        filename=pdf_filename(bulletin, language=language),
        content_type=downloads.PDF,
    )
