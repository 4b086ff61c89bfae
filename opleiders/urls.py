from django.urls import path

from opleiders import views

app_name = "opleiders"
urlpatterns = [
    path("opleiding/", views.deelnemers, name="deelnemers"),
    path("opleiding/trajecten/<int:traject_pk>/modules/", views.module_nieuw, name="module_nieuw"),
    path("opleiding/trajecten/<int:traject_pk>/certificaten/", views.certificaat_nieuw, name="certificaat_nieuw"),
    path("opleiding/modules/<int:pk>/wijzigen/", views.module_wijzigen, name="module_wijzigen"),
    path("opleiding/modules/<int:pk>/deelnemers/", views.inschrijven, name="inschrijven"),
    path("opleiding/moduledeelnames/<int:pk>/", views.rij, name="rij"),
]
