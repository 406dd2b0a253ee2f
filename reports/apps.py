from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # Registered here rather than in the models, so the audit trail stays out of them;
        # modeltranslation has added its fields by now, so the history keeps both languages.
        # `impact` says which forums' pages show bulletins, `privacy` whom anonymisation keeps.
        # The kinds of background job this app runs (amf/jobs), known to server and worker.
        from reports import (
            history,  # noqa: F401
            impact,  # noqa: F401
            jobs,  # noqa: F401
            privacy,  # noqa: F401
        )
