"""Every admin change form saves unchanged over one of everything the factories make
(`populated_db`), as test_admin_saves_unchanged.py checks over the demo forum."""

import pytest

from tests.amf.test_admin_on_demo import rows_to_open
from tests.amf.test_admin_saves_unchanged import EDITABLE, save_unchanged


@pytest.mark.parametrize("model", EDITABLE, ids=lambda model: model._meta.label)
def test_every_change_form_of_factory_data_saves_unchanged(
    admin_client, shared_populated_db, admin_form_data, model
):
    assert rows_to_open(model).exists()
    assert save_unchanged(admin_client, admin_form_data, model) == {}
