"""The user's signal settings (e-mail opt-out per kind, calendar link), the .ics feed, and the
klantmanager's extension of a trial placement."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


instellingen = verlengen = agenda = _todo
