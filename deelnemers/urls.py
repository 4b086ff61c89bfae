from django.urls import path

from deelnemers import views

app_name = "deelnemers"
urlpatterns = [
    path("kandidaten/", views.kandidaten, name="kandidaten"),
    path("kandidaten/lijst/", views.kandidaten_resultaat, name="kandidaten_resultaat"),
    path("kandidaten/nieuw/", views.kandidaat_nieuw, name="nieuw"),
    path("kandidaten/<int:pk>/", views.kandidaat, name="kandidaat"),
    path("kandidaten/<int:pk>/sectie/<slug:sectie>/", views.kandidaat_sectie, name="kandidaat_sectie"),
    path("kandidaten/<int:pk>/wijzigen/", views.kandidaat_wijzigen, name="wijzigen"),
    path("kandidaten/<int:pk>/bsn/", views.bsn_tonen, name="bsn"),
    path("kandidaten/<int:pk>/intake/", views.intake, name="intake"),
    path("kandidaten/<int:pk>/randvoorwaarden/", views.randvoorwaarden, name="randvoorwaarden"),
    path("kandidaten/<int:pk>/randvoorwaarden/nieuw/", views.randvoorwaarde_toevoegen, name="randvoorwaarde_toevoegen"),
    path("kandidaten/<int:pk>/toestemming/<slug:soort>/", views.toestemming_vastleggen, name="toestemming"),
    path(
        "kandidaten/<int:pk>/toestemming/<int:toestemming_pk>/intrekken/",
        views.toestemming_intrekken,
        name="toestemming_intrekken",
    ),
    path(
        "kandidaten/<int:pk>/toestemming/<int:toestemming_pk>/verlengen/",
        views.toestemming_verlengen,
        name="toestemming_verlengen",
    ),
    path("kandidaten/<int:pk>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("kandidaten/<int:pk>/aanmelden/controle/", views.aanmelden_check, name="aanmelden_check"),
]
