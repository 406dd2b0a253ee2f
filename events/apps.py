from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Forums and programme")

    def ready(self):
        # Importing `history` registers the audit trail here rather than in the models, so it
        # stays out of them; modeltranslation has added its fields by now, so both languages
        # are kept.
        from events import history, signals  # noqa: F401

        signals.connect()
