from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmfConfig(AppConfig):
    name = "amf"
    verbose_name = _("AMF")
