from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegatesConfig(AppConfig):
    name = "delegates"
    verbose_name = _("Delegates")

    def ready(self):
        # Registered here rather than in the models, so the audit trail stays out of them;
        # modeltranslation has added its fields by now, so the history keeps both languages.
        from delegates import history  # noqa: F401
        from delegates import signals

        signals.connect()
