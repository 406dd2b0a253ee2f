"""Public pages of published bulletins: the list, one bulletin, its PDF, the suggestion form.

The list, the bulletin and the PDF are kept rendered under the site's version (see
`events.pages`), which every change to a forum moves, and publishing a bulletin changes its
forum. The suggestion form, whose token and signed timestamp are each visitor's own, is a
page of its own, rendered for each request and never cached.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from amf import downloads, spam
from amf.downloads import file_download
from events.pages import (
    RememberedMixin,
    cached_response,
    canonical_query,
    keep,
    recall,
    stored_key,
)
from events.versions import site_version
from reports.document import document_from_bulletin
from reports.forms import FEEDBACK, BulletinFilterForm, FeedbackForm
from reports.models import Bulletin
from reports.pdfs import DOCUMENT_RELATED, bulletin_pdf, pdf_filename
from reports.services import feedback_submit

# The one value every list parameter the list does not understand is stored as.
NOT_UNDERSTOOD = "x"


@dataclass(frozen=True)
class PublishedIndex:
    """The published bulletins' numbers, forum years and mission groups, per site version."""

    bulletins: frozenset[int]
    years: frozenset[str]
    groups: frozenset[str]


def published_index(version: str) -> PublishedIndex:
    """The index at the site's `version`, from the cache or built (1 query)."""
    key = stored_key("bulletin-index", version)
    index = recall(key)
    if index is None:
        rows = list(
            Bulletin.objects.published().values_list(
                "pk", "forum__start_date__year", "mission_group_id"
            )
        )
        index = PublishedIndex(
            bulletins=frozenset(row[0] for row in rows),
            years=frozenset(str(row[1]) for row in rows),
            groups=frozenset(str(row[2]) for row in rows),
        )
        keep(key, index)
    return index


def not_found(request) -> TemplateResponse:
    """The reports' 404 page, in the visitor's language."""
    return TemplateResponse(request, "reports/bulletin_not_found.html", status=404)


def cached_not_found(request, version: str) -> HttpResponse:
    canonical_query(request, {})
    return cached_response(
        request,
        version=version,
        parts=("bulletin", "not found"),
        render=lambda: not_found(request).render(),
    )


def list_query(params, index: PublishedIndex) -> dict[str, str]:
    """The list's parameters as the page understands them, one value for any bad one."""
    q = params.get("q", "").strip()[:201]  # past the form's 200, only "too long" matters
    year = params.get("year", "")
    group = params.get("group", "")
    page = params.get("page", "")
    if page and page != "last" and not (page.isascii() and page.isdigit() and len(page) < 5):
        page = NOT_UNDERSTOOD
    return {
        "q": q,
        "year": year if not year or year in index.years else NOT_UNDERSTOOD,
        "group": group if not group or group in index.groups else NOT_UNDERSTOOD,
        "page": page,
    }


class BulletinListView(RememberedMixin, ListView):
    """Published bulletins, newest first, filtered by year and mission group, searchable."""

    remembered_parameters = ("q", "year", "group", "page")

    template_name = "reports/bulletin_list.html"
    context_object_name = "bulletins"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        version = site_version()
        query = canonical_query(request, list_query(request.GET, published_index(version)))
        return cached_response(
            request,
            version=version,
            parts=("bulletins", query),
            render=lambda: self.render_list(request, *args, **kwargs),
        )

    def render_list(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs).render()
        except Http404:  # a page number past the end
            return not_found(request).render()

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


class BulletinDetailView(RememberedMixin, DetailView):
    """One published bulletin in the visitor's language, with its PDF and a link to send the
    office a suggestion. The same page for every visitor, kept rendered under the site's
    version; the suggestion form, which is each visitor's own, has a page of its own."""

    template_name = "reports/bulletin_detail.html"
    context_object_name = "bulletin"

    def get_queryset(self):
        return Bulletin.objects.published().select_related(*DOCUMENT_RELATED)

    def get(self, request, pk):
        version = site_version()
        if pk not in published_index(version).bulletins:
            return cached_not_found(request, version)
        canonical_query(request, {})
        return cached_response(
            request, version=version, parts=("bulletin", pk), render=lambda: self.render_page(pk)
        )

    def render_page(self, pk) -> TemplateResponse:
        self.object = get_object_or_404(self.get_queryset(), pk=pk)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context).render()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["document"] = document_from_bulletin(self.object, language=get_language())
        if self.object.published_at:
            context["published_on"] = timezone.localdate(self.object.published_at)
        context["revision_count"] = self.object.revisions.filter(event="revised").count()
        return context


@method_decorator(never_cache, name="dispatch")
class BulletinFeedbackView(TemplateView):
    """A visitor's suggestion about a published bulletin: the form, and what sending it says.

    Never cached: the form carries the visitor's own CSRF token and signed timestamp.
    """

    template_name = "reports/bulletin_feedback.html"

    def dispatch(self, request, *args, pk, **kwargs):
        self.bulletin = Bulletin.objects.published().filter(pk=pk).select_related("forum").first()
        if self.bulletin is None:
            return not_found(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_form(FeedbackForm())

    def post(self, request):
        form = FeedbackForm(request.POST)
        if spam.rate_limited(spam.client_address(request), purpose=FEEDBACK):
            form.is_valid()
            form.add_error(
                None, _("Too many suggestions have come from your connection. Try again later.")
            )
            return self.render_form(form, status=429)
        if not form.is_valid():
            return self.render_form(form, status=400)
        feedback_submit(
            bulletin=self.bulletin,
            message=form.cleaned_data["message"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            language=get_language(),
        )
        messages.success(request, _("Thank you. Your suggestion has been passed to the office."))
        return redirect("reports:bulletin_feedback", pk=self.bulletin.pk)

    def render_form(self, form, *, status=200):
        context = self.get_context_data(bulletin=self.bulletin, form=form)
        return self.render_to_response(context, status=status)


@require_GET
def bulletin_pdf_download(request, pk: int) -> HttpResponse:
    """The published bulletin as a PDF in the visitor's language, rendered once per version."""
    version = site_version()
    if pk not in published_index(version).bulletins:
        return cached_not_found(request, version)
    canonical_query(request, {})
    return cached_response(
        request,
        version=version,
        parts=("bulletin-pdf", pk),
        render=lambda: _bulletin_pdf(request, pk),
        compress=False,
    )


def _bulletin_pdf(request, pk: int) -> HttpResponse:
    bulletin = Bulletin.objects.published().select_related(*DOCUMENT_RELATED).filter(pk=pk).first()
    if bulletin is None:
        return not_found(request).render()
    language = get_language()
    return file_download(
        bulletin_pdf(bulletin, language=language),
        filename=pdf_filename(bulletin, language=language),
        content_type=downloads.PDF,
    )
