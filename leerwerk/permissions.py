"""The one gate in front of every role's pages."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect


def role_required(rol: str | None):
    """Logged in (else to the login page), holding `rol` (else 404), and a service's
    PermissionDenied answered as 404 too, so an object out of scope looks like one that does
    not exist. The access log records `rol` as the role the user acted in.

    `rol` None: any role will do (pages every user with a role has, such as the signals).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if request.htmx:
                    # The session ended during an htmx request: a login form swapped into part
                    # of the page would be confusing; send the whole page to the login instead.
                    terug = request.htmx.current_url_abs_path or request.path
                    return HttpResponseClientRedirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': terug})}")
                return redirect_to_login(request.get_full_path())
            if rol is None:
                if request.user.hoofdrol is None or not request.user.is_active:
                    raise Http404
            elif not request.user.has_rol(rol):
                raise Http404
            else:
                request.active_rol = rol
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                raise Http404 from None

        return wrapped

    return decorator


any_role_required = role_required(None)
