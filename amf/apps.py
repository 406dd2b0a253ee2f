from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig
from django.utils.translation import gettext_lazy as _


class AmfConfig(AppConfig):
    # The default for "amf", though this module also defines the static files' config.
    default = True
    name = "amf"
    verbose_name = _("AMF")

    def ready(self):
        from amf import buddhist_era

        # The job list and pages; they replace the queue's own admin (see amf/jobs/admin.py).
        from amf.jobs import admin  # noqa: F401

        buddhist_era.install()


class StaticFilesConfig(BaseStaticFilesConfig):
    """Static files, without the jQuery UI stylesheets that XStatic ships beside the script.

    Only jquery-ui.min.js is used (by modeltranslation's tabs). The stylesheets refer to
    images the package lacks, which makes collectstatic fail under hashed storage.
    """

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "jquery-ui*.css", "themes"]
