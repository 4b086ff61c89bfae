from leerwerk.models import Rol


def navigation(request):
    """The roles the user can switch between in the header."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"mijn_rollen": [Rol(r) for r in Rol.values if r in user.rollen]}
