from django.apps import AppConfig, apps
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig
from django.db.models import UniqueConstraint
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

        # modeltranslation (0.19) copies each unique constraint on a translated field once
        # per language, with its fields as a list; model formsets hash the fields, so that
        # saving a venue with its rooms was a server error. Its ready() has run by now.
        for model in apps.get_models():
            for constraint in model._meta.constraints:
                if isinstance(constraint, UniqueConstraint) and isinstance(constraint.fields, list):
                    constraint.fields = tuple(constraint.fields)


class StaticFilesConfig(BaseStaticFilesConfig):
    """Static files, without the jQuery UI stylesheets that XStatic ships beside the script.

    Only jquery-ui.min.js is used (by modeltranslation's tabs). The stylesheets refer to
    images the package lacks, which makes collectstatic fail under hashed storage.
    """

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "jquery-ui*.css", "themes"]
