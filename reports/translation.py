from modeltranslation.translator import TranslationOptions, register

from reports.models import Bulletin, FollowUpAction, MissionGroup


@register(MissionGroup)
class MissionGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Bulletin)
class BulletinTranslation(TranslationOptions):
    fields = (
        "title",
        "meeting_name",
        "summary",
        "continued_operations",
        "recipient",
        "reporter_position",
        "reporter_division",
        "reporter_office",
    )


@register(FollowUpAction)
class FollowUpActionTranslation(TranslationOptions):
    fields = ("title",)
