from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Forums and programme")

    def ready(self):
        # Importing `history` registers the audit trail here rather than in the models, so it
        # stays out of them; modeltranslation has added its fields by now, so both languages
        # are kept.
        # `impact` states which forums' public pages show each model (see events.impact).
        from events import history, impact  # noqa: F401
