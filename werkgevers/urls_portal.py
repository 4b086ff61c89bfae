"""The employer portal (role werkgever), under /werkgever/."""

from django.urls import path

from werkgevers import views_mentoren
from werkgevers import views_portal as views

app_name = "werkgever"

urlpatterns = [
    path("werkgever/", views.start, name="start"),
    path("werkgever/overzicht/voorstellen/", views.start_voorstellen, name="start_voorstellen"),
    path("werkgever/overzicht/bevestigen/", views.start_bevestigen, name="start_bevestigen"),
    path("werkgever/overzicht/plekken/", views.start_plekken, name="start_plekken"),
    path("werkgever/overzicht/aan-het-werk/", views.start_aan_het_werk, name="start_aan_het_werk"),
    path("werkgever/plekken/<int:pk>/", views.plek, name="plek"),
    path("werkgever/plekken/<int:pk>/toezegging/", views.toezegging_bevestigen, name="toezegging_bevestigen"),
    path("werkgever/profielen/", views.profielen, name="profielen"),
    path("werkgever/profielen/<int:pk>/", views.profiel, name="profiel"),
    path("werkgever/profielen/<int:pk>/pdf/", views.profiel_pdf, name="profiel_pdf"),
    path("werkgever/profielen/<int:pk>/interesse/", views.interesse, name="interesse"),
    path("werkgever/matches/<int:pk>/", views.match, name="match"),
    path("werkgever/plaatsingen/<int:pk>/", views.plaatsing, name="plaatsing"),
    path("werkgever/mentoren/", views_mentoren.mentoren, name="mentoren"),
    path(
        "werkgever/mentoren/voorbereidingen/<int:pk>/verwijderen/",
        views_mentoren.voorbereiding_verwijderen,
        name="voorbereiding_verwijderen",
    ),
]
