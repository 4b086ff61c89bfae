"""get_FOO_display is fast (leerwerk.keuzes, issue 12) and answers exactly as Django's own."""

from django.apps import apps
from django.utils import translation

from leerwerk import keuzes
from signalen.models import Signaal


def _velden_met_keuzes():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.choices and f"get_{field.name}_display" in dir(model):
                yield model, field


def test_every_choice_of_every_model_reads_the_same_as_djangos_own_method():
    paren = list(_velden_met_keuzes())
    assert len(paren) > 20  # the project's choice fields, not a handful
    for taal in ("nl", "en"):
        with translation.override(taal):
            for model, field in paren:
                obj = model()
                onbekend = [("geen-keuze", None)] if type(field).__module__.startswith("django.db") else []
                for waarde, _label in [*field.flatchoices, *onbekend]:
                    setattr(obj, field.attname, waarde)
                    assert getattr(obj, f"get_{field.name}_display")() == keuzes._django_display(obj, field), (
                        model,
                        field.name,
                        waarde,
                    )


def test_the_fast_method_is_the_one_models_use():
    field = Signaal._meta.get_field("regel")
    field.__dict__.pop("_leerwerk_keuzes", None)
    signaal = Signaal(regel=field.flatchoices[0][0])
    with translation.override("nl"):
        label = signaal.get_regel_display()
    assert field.__dict__["_leerwerk_keuzes"]["nl"][signaal.regel] == label
