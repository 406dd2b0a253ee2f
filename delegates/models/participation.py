"""The parts people and organisations play in forums and their sessions."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from amf.collation import thai_order
from delegates.models.directory import Country, Organisation
from delegates.models.person import Person, thai_name_sort_key
from delegates.models.replies import DelegateReplies
from events.models import Forum, Session


class ForumPartner(models.Model):
    """An organisation's role in a forum: host, co-host, co-organiser, partner or supporter."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CO_HOST = "co_host", _("Co-host")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        PARTNER = "partner", _("Partner")
        SUPPORTER = "supporter", _("Supporter")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="partners", verbose_name=_("forum")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="forum_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("host or partner")
        verbose_name_plural = _("hosts and partners")
        ordering = ["forum", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "organisation"],
                name="forum_partner_unique",
                violation_error_message=_("This organisation already has a role in the forum."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"


# The country a participation is listed under, as a protocol officer reads it: the one
# recorded for this forum, else its delegation's, else the person's organisation's. The rule
# is written here once: `with_country()` applies it in SQL and
# `Participation.find_listed_country` in Python; every list, badge, export, statistic and
# the import use one or the other.
COUNTRY_SOURCES = ("country", "delegation__country", "person__organisation__country")
# What to select_related so that `find_listed_country()` needs no query.
LISTED_COUNTRY_RELATIONS = COUNTRY_SOURCES


class ParticipationQuerySet(models.QuerySet):
    def sole_forum_id(self) -> int | None:
        """The forum all these participations are of, when they are of one; else None."""
        forums = list(self.order_by().values_list("forum", flat=True).distinct()[:2])
        return forums[0] if len(forums) == 1 else None

    def sole_forum(self) -> Forum | None:
        """The forum all these participations are of (say, an export's), when just one."""
        forum_id = self.sole_forum_id()
        return Forum.objects.get(pk=forum_id) if forum_id else None

    def in_protocol_order(self, *before):
        """Participations by protocol precedence, dignitaries first, then by Thai name order.

        `before` are orderings that come first (a list by hotel, then in protocol order).
        """
        return self.alias(
            sort_first=thai_name_sort_key("person__first_name"),
            sort_last=thai_name_sort_key("person__last_name"),
        ).order_by(
            *before,
            "precedence",
            thai_order("sort_first", using=self.db),
            thai_order("sort_last", using=self.db),
            "pk",
        )

    def with_country(self):
        """Annotate the country each participation is listed under (`COUNTRY_SOURCES`).

        `listed_country_id` is its id, `country_code` its ISO code.
        """
        return self.annotate(
            listed_country_id=Coalesce(*COUNTRY_SOURCES),
            country_code=Coalesce(*(f"{source}__code" for source in COUNTRY_SOURCES)),
        )

    def for_export(self):
        """Participations with what a delegate list's row shows, in protocol order."""
        return self.with_country().select_related(*LISTED_COUNTRY_RELATIONS).in_protocol_order()

    def counts_by(self, field: str) -> dict:
        """How many participations share each value of `field` (or of an annotation)."""
        return dict(self.values_list(field).annotate(count=Count("pk")).order_by())

    def check_in_search(self, query: str, day):
        """Participations whose person's name matches `query`, with their check-in on `day`."""
        attendance = Attendance.objects.filter(participation=OuterRef("pk"), day=day)
        return (
            self.filter(person__in=Person.objects.search(query))
            .select_related(*LISTED_COUNTRY_RELATIONS)
            .annotate(
                checked_in_at=Subquery(attendance.values("checked_in_at")[:1]),
                checked_in_by=Subquery(attendance.values("checked_in_by__username")[:1]),
            )
            .in_protocol_order()
        )

    def changed_by_delegate_since_seen(self):
        """Participations whose delegate changed something staff have not marked as seen."""
        return self.exclude(delegate_changed_at=None).filter(
            Q(replies_seen_at=None) | Q(replies_seen_at__lt=F("delegate_changed_at"))
        )

    def host_of(self, forum) -> int | None:
        """The id of the forum's host: in the host role, first in precedence, preferring
        whoever represents the organisation hosting the forum (ForumPartner's host)."""
        hosting = ForumPartner.objects.filter(forum=forum, role=ForumPartner.Role.HOST).values(
            "organisation"
        )
        return (
            self.filter(forum=forum, role=Participation.Role.HOST)
            .exclude(registration_status=Participation.RegistrationStatus.CANCELLED)
            .alias(
                represents_host=Exists(
                    Participation.objects.filter(pk=OuterRef("pk")).filter(
                        Q(delegation__in=hosting) | Q(person__organisation__in=hosting)
                    )
                )
            )
            .order_by(F("represents_host").desc(), "precedence", "pk")
            .values_list("pk", flat=True)
            .first()
        )

    def to_seat(self, session, *, audience: str):
        """Whom a seating plan of `session` seats, in protocol order, each annotated with
        `at_head_table`: the session's chairs, moderators and speakers, and the forum's host.

        They are seated whatever their status, but for a cancelled one. In the rows:
        `audience` ("confirmed", "registered", "checked_in" or "none"), never staff or media.
        """
        Status = Participation.RegistrationStatus
        on_stage = Exists(
            SessionRole.objects.filter(session=session, person=OuterRef("person"))
        ) | Q(pk=self.host_of(session.forum))
        in_rows = {
            "confirmed": Q(registration_status=Status.CONFIRMED),
            "registered": Q(registration_status__in=[Status.REGISTERED, Status.CONFIRMED]),
            "checked_in": Q(
                Exists(
                    Attendance.objects.filter(
                        participation=OuterRef("pk"),
                        day=session.starts_at.astimezone(session.forum.zone).date(),
                    )
                )
            ),
        }.get(audience, Q(pk__in=[]))
        in_rows &= ~Q(role__in=[Participation.Role.STAFF, Participation.Role.MEDIA])
        return (
            self.filter(forum=session.forum_id)
            .exclude(registration_status=Status.CANCELLED)
            .annotate(at_head_table=on_stage)
            .filter(Q(at_head_table=True) | in_rows)
            .in_protocol_order()
        )

    def public(self):
        """Participations whose person agreed to appear on public pages."""
        return self.filter(consents_to_public_listing=True).exclude(
            registration_status=Participation.RegistrationStatus.CANCELLED
        )

    def photo_shown(self):
        """Public participations whose person's photo the forum's pages may show.

        The photo belongs to the person; each forum shows it only where the person agreed
        to photographs for that forum.
        """
        return self.public().filter(consents_to_photographs=True).exclude(person__photo="")


class Participation(DelegateReplies):
    """A person's part in one forum."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
        DELEGATE = "delegate", _("Delegate")
        SPEAKER = "speaker", _("Speaker")
        OBSERVER = "observer", _("Observer")
        MEDIA = "media", _("Media")
        STAFF = "staff", _("Staff")
        ACCOMPANYING = "accompanying", _("Accompanying person")

    class RegistrationStatus(models.TextChoices):
        INVITED = "invited", _("Invited")
        REGISTERED = "registered", _("Registered")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="participations", verbose_name=_("forum")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="participations", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    delegation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("delegation"),
        help_text=_("The city, government or body the person represents at this forum."),
    )
    registration_status = models.CharField(
        _("registration status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.INVITED,
    )
    precedence = models.PositiveSmallIntegerField(
        _("protocol precedence"),
        default=1000,
        help_text=_("Lower numbers come first when dignitaries are listed or seated."),
    )
    consents_to_public_listing = models.BooleanField(
        _("consents to public listing"),
        default=False,
        help_text=_("Whether the name, position and organisation may appear on public pages."),
    )
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    consents_to_photographs = models.BooleanField(
        _("consents to photographs"),
        default=False,
        help_text=_("Whether photographs of the person may be taken and published."),
    )
    photograph_consent_recorded_on = models.DateField(
        _("photograph consent recorded on"), null=True, blank=True
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("country"),
        help_text=_("The country the person comes from or represents at this forum."),
    )
    badge_issued = models.BooleanField(_("badge issued"), default=False)
    badge_issued_at = models.DateTimeField(_("badge issued at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["forum", "precedence", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "person"],
                name="participation_unique_per_forum",
                violation_error_message=_("This person already takes part in the forum."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"

    def find_listed_country(self) -> Country | None:
        """The country this participation is listed under (`COUNTRY_SOURCES`).

        Follows the relations as they are in memory, unsaved changes included; those not
        loaded yet are fetched (`for_export()` loads them all).
        """
        return self._follow_country_sources(as_id=False)

    def find_listed_country_id(self) -> int | None:
        """The id of the country this participation is listed under, without fetching it.

        Rows read `with_country()` carry it as `listed_country_id`.
        """
        return self._follow_country_sources(as_id=True)

    def _follow_country_sources(self, *, as_id: bool):
        for source in COUNTRY_SOURCES:
            *path, last = source.split("__")
            holder = self
            for name in path:
                holder = getattr(holder, name)
                if holder is None:
                    break
            else:
                if getattr(holder, f"{last}_id") is not None:
                    return getattr(holder, f"{last}_id" if as_id else last)
        return None


class SessionRoleQuerySet(models.QuerySet):
    def changed_by_delegate_since_seen(self):
        """Participations whose delegate changed something staff have not marked as seen."""
        return self.exclude(delegate_changed_at=None).filter(
            Q(replies_seen_at=None) | Q(replies_seen_at__lt=F("delegate_changed_at"))
        )

    def public(self):
        """Roles of people whose part in the session's forum may appear on public pages."""
        return self.filter(
            Exists(
                Participation.objects.public().filter(
                    forum=OuterRef("session__forum"), person=OuterRef("person")
                )
            )
        )

    def in_protocol_order(self):
        """Roles as a session lists them: chairs and moderators first, then the set order.

        People the order does not separate follow their protocol precedence in the forum.
        """
        precedence = Participation.objects.filter(
            forum=OuterRef("session__forum"), person=OuterRef("person")
        ).values("precedence")[:1]
        leads = Case(
            When(role=SessionRole.Role.CHAIR, then=Value(0)),
            When(role=SessionRole.Role.MODERATOR, then=Value(1)),
            default=Value(2),
        )
        return self.alias(lead=leads, precedence=Subquery(precedence)).order_by(
            "session", "lead", "order", F("precedence").asc(nulls_last=True), "pk"
        )


class SessionRole(models.Model):
    """A person's part in a session: speaker, chair or moderator."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        CHAIR = "chair", _("Chair")
        MODERATOR = "moderator", _("Moderator")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="roles", verbose_name=_("session")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="session_roles", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    contribution = models.CharField(
        _("contribution"),
        max_length=300,
        blank=True,
        help_text=_("What the person delivers, e.g. welcome remarks or the opening address."),
    )

    objects = SessionRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("session role")
        verbose_name_plural = _("session roles")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                name="session_role_unique",
                violation_error_message=_("This person already has that role in the session."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"


class Attendance(models.Model):
    """A delegate checked in on one day of a forum."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("participation"),
    )
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["day", "checked_in_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "day"],
                name="attendance_once_per_day",
                violation_error_message=_("This delegate is already checked in on that day."),
            ),
        ]

    def __str__(self):
        return f"{self.participation.person} – {self.day.isoformat()}"
