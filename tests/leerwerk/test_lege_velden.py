"""leerwerk.forms.lege_velden: an empty form rendered once per process is the same HTML as
rendering it anew."""

from django.template.loader import render_to_string

from begeleiding.forms_vragen import AntwoordForm
from leerwerk.forms import _lege_velden, lege_velden


def test_the_stored_rendering_is_the_fresh_one():
    vers = render_to_string("includes/form_fields.html", {"form": AntwoordForm()})
    assert 'name="antwoord"' in vers and "Uw antwoord" in vers
    assert lege_velden(AntwoordForm) == vers
    treffers = _lege_velden.cache_info().hits
    assert lege_velden(AntwoordForm) == vers
    assert _lege_velden.cache_info().hits == treffers + 1  # the second time from the store
