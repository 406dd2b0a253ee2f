from modeltranslation.translator import TranslationOptions, register

from events.models import (
    Forum,
    ForumSeries,
    Framework,
    OutcomeDocument,
    Priority,
    ProgrammeNotice,
    RelatedEvent,
    Room,
    Session,
    SessionMaterial,
    Venue,
)


@register(ForumSeries)
class ForumSeriesTranslation(TranslationOptions):
    fields = ("name",)


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "city", "address")


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name",)


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("title", "theme", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(SessionMaterial)
class SessionMaterialTranslation(TranslationOptions):
    fields = ("title",)


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("name", "description")


@register(OutcomeDocument)
class OutcomeDocumentTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(RelatedEvent)
class RelatedEventTranslation(TranslationOptions):
    fields = ("title", "organiser", "location", "description")


@register(ProgrammeNotice)
class ProgrammeNoticeTranslation(TranslationOptions):
    fields = ("text",)
