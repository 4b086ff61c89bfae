from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from leerwerk import security, views
from leerwerk.api_docs import ApiDocsView
from tweefactor import sso

admin.site.site_header = "leerwerk beheer"
admin.site.site_title = "leerwerk beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="mijn_werk", permanent=False)),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/uitnodiging/<uidb64>/<token>/", views.UitnodigingView.as_view(), name="uitnodiging"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("sso/inloggen/", sso.SsoStart.as_view(), name="sso_start"),
    path("sso/terug/", sso.SsoTerug.as_view(), name="sso_terug"),
    path("tweefactor/", include("tweefactor.urls")),  # the second factor (issue 17)
    path("mijn-werk/", views.mijn_werk, name="mijn_werk"),
    path("mijn-werk/<slug:rol>/", views.mijn_werk_rol, name="mijn_werk_rol"),
    path("mijn-werk/<slug:rol>/signalen/", views.mijn_werk_signalen, name="mijn_werk_signalen"),
    path("mijn-werk/<slug:rol>/overzicht/", views.mijn_werk_overzicht, name="mijn_werk_overzicht"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    # A trivial logged-in page: the baseline of the page benchmark (scripts/benchmark_paginas.py).
    path("gezondheid/ingelogd/", views.gezondheid_ingelogd, name="gezondheid_ingelogd"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin, the API docs).
    path("favicon.ico", views.favicon, name="favicon"),
    path(".well-known/security.txt", security.security_txt, name="security_txt"),
    path("", include("deelnemers.urls")),
    path("", include("trajecten.urls")),
    path("", include("opleiders.urls")),
    path("", include("werkgevers.urls_portal")),
    path("", include("werkgevers.urls_regie")),
    path("", include("signalen.urls")),
    path("", include("financiering.urls")),
    path("", include("resultaten.urls")),
    path("", include("regie.urls")),
    path("", include("begeleiding.urls")),
    path("", include("avg.urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", login_required(ApiDocsView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/v1/", include("leerwerk.api_urls")),
    path("beheer/", admin.site.urls),
]
