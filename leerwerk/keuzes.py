"""Fast `get_FOO_display()` (issue 12).

Django builds a dict of all of a field's choices on every call of `get_FOO_display()`, hashing
each lazily translated label, which translates it: about 40 µs a call with a dozen choices. A
list of 25 signals calls it some 200 times (8 ms), a board of 50 cards as often. This keeps,
per field and language, the dict Django would build, with the labels already translated;
the answer is the same string Django's own method returns. Installed once by
LeerwerkConfig.ready() on every model's generated `get_FOO_display` (a method a model defines
itself is left alone). Choices that cannot be keys of a dict go to Django's own method.
"""

from functools import partialmethod

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import get_language

_django_display = models.Model._get_FIELD_display


def _get_field_display(self, field):
    value = getattr(self, field.attname)
    per_taal = field.__dict__.setdefault("_leerwerk_keuzes", {})
    taal = get_language()
    labels = per_taal.get(taal)
    if labels is None:
        try:
            # As Django: a label is made a string unless it is a number or date (force_str's
            # strings_only), e.g. django-otp's digits (6, 8).
            labels = {k: force_str(v, strings_only=True) for k, v in field.flatchoices}
        except TypeError:  # an unhashable value among the choices
            return _django_display(self, field)
        per_taal[taal] = labels
    try:
        return labels.get(value, value)
    except TypeError:  # an unhashable value on the object
        return _django_display(self, field)


def installeer() -> None:
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            naam = f"get_{getattr(field, 'name', '')}_display"
            if getattr(field, "choices", None) and isinstance(model.__dict__.get(naam), partialmethod):
                setattr(model, naam, partialmethod(_get_field_display, field=field))
