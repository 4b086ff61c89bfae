"""The employers' questions (issue 16): to be built."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


vragen = vraag = werkgever_vragen = werkgever_vraag_stellen = _todo
