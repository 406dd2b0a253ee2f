from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # Registered here rather than in the models, so the audit trail stays out of them;
        # modeltranslation has added its fields by now, so the history keeps both languages.
        from reports import history, impact, privacy  # noqa: F401
