"""The regisseur's employer and matching work (and the klantmanager's profile text), under /matching/."""

from django.urls import path

from werkgevers import views_regie as views

app_name = "matching"

urlpatterns = [
    path("matching/", views.overzicht, name="overzicht"),
    # Employers, their locations, mentors and places
    path("matching/werkgevers/nieuw/", views.werkgever_nieuw, name="werkgever_nieuw"),
    path("matching/werkgevers/<int:pk>/", views.werkgever, name="werkgever"),
    path("matching/werkgevers/<int:pk>/wijzigen/", views.werkgever_wijzigen, name="werkgever_wijzigen"),
    path("matching/werkgevers/<int:pk>/locaties/nieuw/", views.locatie, name="locatie_nieuw"),
    path("matching/werkgevers/<int:pk>/locaties/<int:locatie_pk>/", views.locatie, name="locatie_wijzigen"),
    path("matching/werkgevers/<int:pk>/begeleiders/nieuw/", views.begeleider, name="begeleider_nieuw"),
    path("matching/werkgevers/<int:pk>/begeleiders/<int:begeleider_pk>/", views.begeleider, name="begeleider_wijzigen"),
    path("matching/werkgevers/<int:pk>/plekken/nieuw/", views.plek_nieuw, name="plek_nieuw"),
    path("matching/plekken/<int:pk>/bewerken/", views.plek_wijzigen, name="plek_wijzigen"),
    path("matching/plekken/<int:pk>/document/", views.plek_document, name="plek_document"),
    # One trajectory: match overview, proposals, placements, events
    path("matching/trajecten/<int:traject_pk>/", views.traject, name="traject"),
    path("matching/trajecten/<int:traject_pk>/plekken/", views.traject_open_plekken, name="traject_open_plekken"),
    path("matching/trajecten/<int:traject_pk>/plekken/<int:plek_pk>/", views.traject_plek, name="traject_plek"),
    path("matching/trajecten/<int:traject_pk>/matches/", views.traject_matches, name="traject_matches"),
    path("matching/trajecten/<int:traject_pk>/plaatsingen/", views.traject_plaatsingen, name="traject_plaatsingen"),
    path(
        "matching/trajecten/<int:traject_pk>/bijeenkomsten/", views.traject_bijeenkomsten, name="traject_bijeenkomsten"
    ),
    path("matching/trajecten/<int:traject_pk>/voorstellen/", views.voorstellen, name="voorstellen"),
    path("matching/trajecten/<int:traject_pk>/plaatsingen/nieuw/", views.plaatsing_nieuw, name="plaatsing_nieuw"),
    path("matching/plaatsingen/<int:pk>/wijzigen/", views.plaatsing_wijzigen, name="plaatsing_wijzigen"),
    path("matching/plaatsingen/<int:pk>/omzetten/", views.plaatsing_omzetten, name="plaatsing_omzetten"),
    path("matching/plaatsingen/<int:pk>/starten/", views.plaatsing_starten, name="plaatsing_starten"),
    path("matching/plaatsingen/<int:pk>/beeindigen/", views.plaatsing_beeindigen, name="plaatsing_beeindigen"),
    path("matching/trajecten/<int:traject_pk>/bijeenkomsten/nieuw/", views.bijeenkomst_nieuw, name="bijeenkomst_nieuw"),
    path("matching/bijeenkomsten/<int:pk>/wijzigen/", views.bijeenkomst_wijzigen, name="bijeenkomst_wijzigen"),
    # The profile text (klantmanager of the candidate, or regisseur)
    path("matching/profielen/<int:deelname_pk>/", views.profiel, name="profiel"),
    path("matching/profielen/<int:deelname_pk>/concept/", views.profiel_concept, name="profiel_concept"),
    path("matching/profielen/<int:deelname_pk>/goedkeuren/", views.profiel_goedkeuren, name="profiel_goedkeuren"),
]
