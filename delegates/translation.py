from modeltranslation.translator import TranslationOptions, register

from delegates.models import (
    Country,
    ForumLetterSettings,
    ForumPartner,
    ForumRegistration,
    InvitationText,
    Organisation,
    Person,
    SessionRole,
)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("honorific", "first_name", "last_name", "position", "bio")


@register(ForumPartner)
class ForumPartnerTranslation(TranslationOptions):
    fields = ("note",)


@register(SessionRole)
class SessionRoleTranslation(TranslationOptions):
    fields = ("contribution",)


@register(ForumRegistration)
class ForumRegistrationTranslation(TranslationOptions):
    fields = ("note",)


@register(InvitationText)
class InvitationTextTranslation(TranslationOptions):
    fields = ("subject", "body")


@register(ForumLetterSettings)
class ForumLetterSettingsTranslation(TranslationOptions):
    fields = (
        "reference_prefix",
        "signatory_name",
        "signatory_position",
        "letterhead",
        "office_address",
        "office_name",
        "division",
    )
