import factory
import pytest

from tests import factories


def model_factories():
    return [
        value
        for name, value in vars(factories).items()
        if isinstance(value, type)
        and issubclass(value, factory.django.DjangoModelFactory)
        and value is not factory.django.DjangoModelFactory
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model_factory", model_factories(), ids=lambda f: f.__name__)
def test_every_factory_saves_a_row_of_its_model(model_factory):
    instance = model_factory()

    assert type(instance).objects.filter(pk=instance.pk).exists()
