from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegatesConfig(AppConfig):
    name = "delegates"
    verbose_name = _("Delegates")

    def ready(self):
        # Importing `history` registers the audit trail here rather than in the models, so it
        # stays out of them; modeltranslation has added its fields by now, so both languages
        # are kept.
        # `impact` states which forums' public pages show each model (see events.impact).
        # The kinds of background job this app runs (amf/jobs), known to server and worker.
        from delegates import (  # noqa: F401
            history,
            impact,
            jobs,
            letter_jobs,
            mail_jobs,
        )
