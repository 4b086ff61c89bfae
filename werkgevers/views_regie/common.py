"""What every matching page shares: the role gates, rendering with the error summary, POST data."""

from functools import wraps

from django.shortcuts import render

from deelnemers.forms import error_summary
from leerwerk.models import Rol
from leerwerk.permissions import role_required

regisseur_required = role_required(Rol.REGISSEUR)


def any_role_required(*rollen: str):
    """Like leerwerk.permissions.role_required, for a page that serves several roles: logged in
    (else the login page), holding one of `rollen` (else 404), a service's PermissionDenied
    answered as 404. The first role held is the active one; a view may refine it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            # role_required sends an anonymous visitor to the login page, answers a user without
            # the role (here: without any of them) and a service's PermissionDenied with 404.
            user = request.user
            held = next((r for r in rollen if user.is_authenticated and user.has_rol(r)), rollen[0])
            return role_required(held)(view)(request, *args, **kwargs)

        return wrapped

    return decorator


def post_data(request):
    """The POST data for a form on a page that is also shown by GET."""
    return request.POST if request.method == "POST" else None


def files_data(request):
    return request.FILES if request.method == "POST" else None


def render_page(request, template: str, context: dict, *forms, status: int | None = None):
    """A matching page; with form errors it answers 400 and shows the error summary on top."""
    fouten = error_summary(*forms)
    if status is None:
        status = 400 if fouten else 200
    return render(request, template, {"nav_actief": "matching", "fouten": fouten, **context}, status=status)
