"""`{{ obj|keuze:"veld" }}`: the label of a choice field's value, as `obj.get_<veld>_display`.

Django's get_FOO_display builds a dict of all the field's choices on every call, hashing each
(lazy) label and so translating every choice: a list of fifty languages costs fifty gettext
calls for one label. This filter looks the value up in a dict built once per field; the labels
in it stay lazy, so each page still shows them in its own language (issue 12).
"""

from functools import cache

from django import template
from django.utils.encoding import force_str

register = template.Library()


@cache
def _labels(model, veld: str) -> dict:
    return dict(model._meta.get_field(veld).flatchoices)


@register.filter
def keuze(obj, veld: str):
    waarde = getattr(obj, veld)
    try:
        label = _labels(obj._meta.concrete_model, veld).get(waarde, waarde)
    except TypeError:  # an unhashable value (a list): as Django, shown as it is
        label = waarde
    return force_str(label, strings_only=True)
