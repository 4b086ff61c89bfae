"""The jobcoach's pages (issue 16): to be built."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


caseload = nazorg = deelnemer = contact = behoudcheck = afsluiten = toewijzen = _todo
