"""Pages of the signals: the list, the actions, the user's settings and the calendar feed."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


lijst = instellingen = gezien = uitstellen = afgehandeld = toepassen = verlengen = agenda = _todo
