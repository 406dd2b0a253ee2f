from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Forums and programme")

    def ready(self):
        # Registered here rather than in the models, so the audit trail stays out of them;
        # modeltranslation has added its fields by now, so the history keeps both languages.
        from events import history  # noqa: F401
        from events import signals

        signals.connect()
