"""At login: remember in the session whether the user has a second factor, so the middleware
needs no query on every page to know whether to ask for one."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from tweefactor.constants import SESSIE_HEEFT_FACTOR
from tweefactor.services import heeft_factor_voor


@receiver(user_logged_in, dispatch_uid="tweefactor_bij_login")
def bij_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSIE_HEEFT_FACTOR] = heeft_factor_voor(request, user)
