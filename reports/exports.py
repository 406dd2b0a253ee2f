"""CSV exports: the compiled bulletin's list and follow-up actions (written by `amf.tabular`)."""

from collections.abc import Iterable

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from amf.dates import format_date, format_date_range
from amf.tabular import csv_bytes
from reports.models import Bulletin, FollowUpAction


def compilation_csv(bulletins: Iterable[Bulletin], *, language: str) -> bytes:
    """One row per bulletin; `bulletins` must come annotated `with_follow_up_counts()`."""
    with translation.override(language):
        header = [
            _("Bulletin"),
            _("Forum"),
            _("Dates"),
            _("Venue"),
            _("Mission group"),
            _("Reporter"),
            _("Status"),
            _("Acknowledged on"),
            _("Follow-up actions"),
            _("Open"),
            _("In progress"),
            _("Done"),
            _("Dropped"),
        ]
        rows = [
            [
                bulletin.title,
                bulletin.forum.title,
                format_date_range(bulletin.forum.start_date, bulletin.forum.end_date, spaced=True),
                bulletin.forum.venue.name_and_city,
                bulletin.mission_group.name,
                bulletin.reporter.full_name,
                bulletin.get_status_display(),
                format_date(timezone.localdate(bulletin.acknowledged_at))
                if bulletin.acknowledged_at
                else "",
                bulletin.actions_total,
                bulletin.actions_open,
                bulletin.actions_in_progress,
                bulletin.actions_done,
                bulletin.actions_dropped,
            ]
            for bulletin in bulletins
        ]
        return csv_bytes(header, rows)


def follow_up_actions_csv(actions: Iterable[FollowUpAction], *, language: str) -> bytes:
    """One row per action; `actions` must come from `for_export()`."""
    with translation.override(language):
        header = [
            pgettext("follow-up", "Action"),
            _("Forum"),
            _("Bulletin"),
            _("Owning unit"),
            _("Due date"),
            _("Status"),
            _("Overdue"),
            _("Completed on"),
            _("Carried over from"),
            _("Latest progress"),
        ]
        rows = []
        for action in actions:
            notes = list(action.progress_notes.all())
            latest = notes[-1] if notes else None
            rows.append(
                [
                    action.title,
                    action.forum.title,
                    action.bulletin.title if action.bulletin else "",
                    action.owner.name,
                    format_date(action.due_on) if action.due_on else "",
                    action.get_status_display(),
                    _("Yes") if action.is_overdue else "",
                    format_date(action.completed_on) if action.completed_on else "",
                    action.carried_over_from.forum.title if action.carried_over_from else "",
                    f"{format_date(latest.noted_on)}: {latest.text}" if latest else "",
                ]
            )
        return csv_bytes(header, rows)
