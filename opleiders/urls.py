from django.urls import path

from opleiders import views

app_name = "opleiders"
urlpatterns = [
    path("opleiding/", views.deelnemers, name="deelnemers"),
    path("opleiding/trajecten/<int:traject_pk>/modulelijst/", views.sectie_modules, name="sectie_modules"),
    path(
        "opleiding/trajecten/<int:traject_pk>/module-toevoegen/",
        views.sectie_module_toevoegen,
        name="sectie_module_toevoegen",
    ),
    path("opleiding/trajecten/<int:traject_pk>/deelnemers/", views.sectie_deelnemers, name="sectie_deelnemers"),
    path("opleiding/trajecten/<int:traject_pk>/modules/", views.module_nieuw, name="module_nieuw"),
    path("opleiding/trajecten/<int:traject_pk>/certificaten/", views.certificaat_nieuw, name="certificaat_nieuw"),
    path("opleiding/modules/<int:pk>/wijzigen/", views.module_wijzigen, name="module_wijzigen"),
    path("opleiding/modules/<int:pk>/deelnemers/", views.inschrijven, name="inschrijven"),
    path("opleiding/moduledeelnames/<int:pk>/", views.rij, name="rij"),
    path("opleiding/modules/<int:pk>/lesdagen/", views.lesdagen, name="lesdagen"),
    path("opleiding/modules/<int:pk>/lesdagen/toevoegen/", views.lesdag_nieuw, name="lesdag_nieuw"),
    path("opleiding/modules/<int:pk>/lesdagen/genereren/", views.lesdagen_genereren, name="lesdagen_genereren"),
    path("opleiding/lesdagen/<int:pk>/", views.presentielijst, name="presentielijst"),
    path("opleiding/lesdagen/<int:pk>/verwijderen/", views.lesdag_verwijderen, name="lesdag_verwijderen"),
]
