"""The signal list page and the actions on one signal (acknowledge, snooze, done, apply a suggestion)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


lijst = gezien = uitstellen = afgehandeld = toepassen = _todo
