"""Under /tweefactor/: our pages (namespace tweefactor) and django-otp-webauthn's JSON calls
(namespace otp_webauthn, the name its template tags reverse), with our lockout around them."""

from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from tweefactor import views, webauthn

paginas = [
    path("", views.overzicht, name="overzicht"),
    path("instellen/", views.instellen, name="instellen"),
    path("instellen/app/", views.instellen_app, name="instellen_app"),
    path("verifieren/", views.verifieren, name="verifieren"),
    path("herstelcodes/", views.herstelcodes, name="herstelcodes"),
]

webauthn_calls = [
    path("registratie/begin/", webauthn.BeginRegistratie.as_view(), name="credential-registration-begin"),
    path("registratie/voltooien/", webauthn.VoltooiRegistratie.as_view(), name="credential-registration-complete"),
    path("authenticatie/begin/", webauthn.BeginAuthenticatie.as_view(), name="credential-authentication-begin"),
    path(
        "authenticatie/voltooien/", webauthn.VoltooiAuthenticatie.as_view(), name="credential-authentication-complete"
    ),
    # The Dutch texts of its script (it ships them): served from here, not inline (CSP).
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]

urlpatterns = [
    path("", include((paginas, "tweefactor"))),
    path("webauthn/", include((webauthn_calls, "otp_webauthn"))),
]
