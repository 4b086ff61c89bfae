"""One Dutch date format everywhere (issue 11): dd-mm-jjjj in templates without a named format,
the admin, model texts and messages."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from tests.factories import DeelnameFactory
from trajecten.models import DeelnameStap

D = datetime.date(2026, 12, 2)


def test_the_dutch_formats_are_dd_mm_jjjj():
    with translation.override("nl"):
        assert formats.date_format(D) == "02-12-2026"
        assert formats.date_format(D, "SHORT_DATE_FORMAT") == "02-12-2026"
        assert Template("{{ d|date }} {{ d }}").render(Context({"d": D})) == "02-12-2026 02-12-2026"
        assert formats.localize_input(D) == "02-12-2026"


def test_a_date_typed_dutch_style_is_read():
    from django import forms

    class F(forms.Form):
        datum = forms.DateField()

    with translation.override("nl"):
        for typed in ("02-12-2026", "2026-12-02"):
            form = F({"datum": typed})
            assert form.is_valid() and form.cleaned_data["datum"] == D


@pytest.mark.django_db
def test_a_step_names_its_date_dutch_style():
    deelname = DeelnameFactory()
    stap = DeelnameStap(deelname=deelname, van_status="intake", naar_status="geselecteerd", ingangsdatum=D)
    assert str(stap) == "intake → geselecteerd (02-12-2026)"
