"""No page before the second factor (LEERWERK_MFA).

verplicht: a logged-in user whose session has not passed a second factor reaches no page,
the beheer and the API included; a user without a factor is sent to enrol one, a user with
one to verify it. aangeboden: a user without a factor goes on with the password alone; a user
with one is asked for it, as with verplicht.

What stays open: the enrolment and verification pages themselves (and django-otp-webauthn's
calls under them), logging out, the health check, the favicon, security.txt and the single
sign-on's way out to the provider and back. Static files never reach
this middleware (WhiteNoise answers them first).
"""

from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tweefactor import services
from tweefactor.constants import SESSIE_HEEFT_FACTOR

OPEN_NAMESPACES = frozenset({"tweefactor", "otp_webauthn"})
OPEN_NAMEN = frozenset({"logout", "gezondheid", "favicon", "security_txt", "sso_start", "sso_terug"})


class TweefactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and (OPEN_NAMESPACES.intersection(match.namespaces) or match.url_name in OPEN_NAMEN):
            return None
        if services.is_geverifieerd(request):
            return None
        heeft = request.session.get(SESSIE_HEEFT_FACTOR)
        if heeft is None or heeft:
            # Asked again while unverified: a beheerder may have reset the factors meanwhile.
            heeft = services.heeft_factor(request.user)
            request.session[SESSIE_HEEFT_FACTOR] = heeft
        if not heeft and not services.verplicht():
            return None
        return self._weiger(request, "tweefactor:verifieren" if heeft else "tweefactor:instellen")

    def _weiger(self, request, naar: str):
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": _(
                        "Tweestapsverificatie is vereist. Log in op de website en bevestig uw inlog met "
                        "uw tweede factor; daarna werkt de API met dezelfde sessie."
                    )
                },
                status=403,
            )
        url = reverse(naar)
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):  # a lazy section: htmx loads the whole page instead
            response = HttpResponse(status=200)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)
