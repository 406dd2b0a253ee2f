from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from amf.admin import GuardedAdmin, ReadOnlyAdminMixin
from events.admin.writes import ServiceWritesAdmin
from reports.admin.workflow import revision_pdf_view
from reports.document import document_from_snapshot
from reports.models import BulletinRevision


class BulletinRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BulletinRevision
    fields = ["number_link", "event", "created_at", "created_by", "note"]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("revision history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description=_("revision"))
    def number_link(self, revision):
        url = reverse("admin:reports_bulletinrevision_change", args=[revision.pk])
        return format_html('<a href="{}">{}</a>', url, revision.number)


@admin.register(BulletinRevision)
class BulletinRevisionAdmin(ReadOnlyAdminMixin, ServiceWritesAdmin, GuardedAdmin):
    list_display = ["bulletin", "number", "event", "created_at", "created_by"]
    list_filter = ["event"]
    list_select_related = ["bulletin", "created_by"]
    search_fields = ["bulletin__title_th", "bulletin__title_en", "note"]
    fields = [
        "bulletin",
        "number",
        "event",
        "created_at",
        "created_by",
        "note",
        "pdf_links",
        "text_th",
        "text_en",
    ]
    readonly_fields = fields

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/pdf/<str:language>/",
                view(lambda request, object_id, language: revision_pdf_view(
                    self, request, object_id, language
                )),
                name="reports_bulletinrevision_pdf",
            ),
            *super().get_urls(),
        ]  # fmt: skip

    def _text(self, revision, language):
        document = document_from_snapshot(revision.content, language=language)
        return render_to_string("admin/reports/includes/revision_text.html", {"document": document})

    @admin.display(description=_("text (Thai)"))
    def text_th(self, revision):
        return self._text(revision, "th")

    @admin.display(description=_("text (English)"))
    def text_en(self, revision):
        return self._text(revision, "en")

    @admin.display(description=_("PDF"))
    def pdf_links(self, revision):
        links = [
            (reverse("admin:reports_bulletinrevision_pdf", args=[revision.pk, code]), label)
            for code, label in (("th", _("Thai")), ("en", _("English")))
        ]
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>', *(x for link in links for x in link)
        )
