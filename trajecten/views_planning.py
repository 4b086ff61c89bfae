"""The planning helper on the trajectory page (filled in by the planning work)."""

from django.http import Http404


def planningshulp(request, pk):
    raise Http404
