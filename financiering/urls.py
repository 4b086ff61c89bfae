from django.urls import path

from financiering import views, views_declaraties

app_name = "financiering"

urlpatterns = [
    # The financier: sources and decisions
    path("financiering/", views.overzicht, name="overzicht"),
    path("financiering/bronnen/", views.bronnen, name="bronnen"),
    path("financiering/wachtend/", views.wachtend, name="wachtend"),
    path("financiering/besloten/", views.besloten, name="besloten"),
    path("financiering/voorfinanciering/", views.voorfinanciering, name="voorfinanciering"),
    path("financiering/voorfinanciering/nieuw/", views.voorfinanciering_nieuw, name="voorfinanciering_nieuw"),
    path("financiering/bronnen/nieuw/", views.bron_nieuw, name="bron_nieuw"),
    path("financiering/bronnen/<int:pk>/wijzigen/", views.bron_wijzigen, name="bron_wijzigen"),
    path("financiering/dekkingen/<int:pk>/toezeggen/", views.dekking_toezeggen, name="dekking_toezeggen"),
    path("financiering/dekkingen/<int:pk>/afwijzen/", views.dekking_afwijzen, name="dekking_afwijzen"),
    path("financiering/afspraken/<int:pk>/akkoord/", views.afspraak_akkoord, name="afspraak_akkoord"),
    path("financiering/afspraken/<int:pk>/afwijzen/", views.afspraak_afwijzen, name="afspraak_afwijzen"),
    # Claim statements: the payee makes and submits, the payer approves, refuses, pays
    path("financiering/declaraties/", views_declaraties.declaraties, name="declaraties"),
    path("financiering/declaraties/nieuw/", views_declaraties.declaratie_nieuw, name="declaratie_nieuw"),
    path("financiering/declaraties/<int:pk>/", views_declaraties.declaratie, name="declaratie"),
    path(
        "financiering/declaraties/<int:pk>/indienen/", views_declaraties.declaratie_indienen, name="declaratie_indienen"
    ),
    path(
        "financiering/declaraties/<int:pk>/goedkeuren/",
        views_declaraties.declaratie_goedkeuren,
        name="declaratie_goedkeuren",
    ),  # fmt: skip
    path(
        "financiering/declaraties/<int:pk>/afwijzen/", views_declaraties.declaratie_afwijzen, name="declaratie_afwijzen"
    ),
    path("financiering/declaraties/<int:pk>/betaald/", views_declaraties.declaratie_betaald, name="declaratie_betaald"),
    path("financiering/declaraties/<int:pk>/pdf/", views_declaraties.declaratie_pdf, name="declaratie_pdf"),
    path("financiering/declaraties/<int:pk>/xlsx/", views_declaraties.declaratie_xlsx, name="declaratie_xlsx"),
    # The regisseur: a trajectory's budget and financing plan
    path("trajecten/<int:pk>/begroting/", views.begroting, name="begroting"),
    path("trajecten/<int:pk>/begroting/regels/", views.begroting_regels, name="begroting_regels"),
    path("trajecten/<int:pk>/begroting/xlsx/", views.begroting_xlsx, name="begroting_xlsx"),
    path("trajecten/<int:pk>/begroting/formulieren/", views.begroting_formulieren, name="begroting_formulieren"),
    path("trajecten/<int:pk>/financiering/", views.traject_sectie, name="traject_sectie"),
    path("trajecten/<int:pk>/begroting/afspraken/", views.afspraken, name="afspraken"),
    path("trajecten/<int:pk>/begroting/afspraken/nieuw/", views.afspraak_nieuw, name="afspraak_nieuw"),
    path("trajecten/<int:pk>/begroting/kostenverdeling/", views.kostenverdeling, name="kostenverdeling"),
    path(
        "trajecten/<int:pk>/begroting/kostenverdeling/opslaan/",
        views.kostenverdeling_opslaan,
        name="kostenverdeling_opslaan",
    ),
    path("trajecten/<int:pk>/begroting/regels/nieuw/", views.regel_nieuw, name="regel_nieuw"),
    path("trajecten/<int:pk>/begroting/dekkingen/nieuw/", views.dekking_nieuw, name="dekking_nieuw"),
    path("trajecten/<int:pk>/begroting/facturen/nieuw/", views.factuur_nieuw, name="factuur_nieuw"),
    path(
        "trajecten/<int:pk>/begroting/dekkingen/<int:dekking_pk>/intrekken/",
        views.dekking_intrekken,
        name="dekking_intrekken",
    ),
]
