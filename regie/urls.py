from django.urls import path

from regie import views, views_convenant

app_name = "regie"
urlpatterns = [
    path("trajecten/<int:pk>/overleg/", views.overleggen, name="overleggen"),
    path("trajecten/<int:pk>/overleg/reeks/", views.feedbackreeks, name="feedbackreeks"),
    path("trajecten/<int:pk>/overleg/formulieren/", views.overleg_formulieren, name="overleg_formulieren"),
    path("trajecten/<int:pk>/overleg/lijsten/", views.overleg_lijsten, name="overleg_lijsten"),
    path("overleg/<int:pk>/", views.overleg, name="overleg"),
    path("overleg/<int:pk>/wijzigen/", views.overleg_wijzigen, name="overleg_wijzigen"),
    path("overleg/<int:pk>/notulen/", views.notulen, name="notulen"),
    path("overleg/<int:pk>/verwijderen/", views.overleg_verwijderen, name="overleg_verwijderen"),
    path("overleg/acties/<int:pk>/afgerond/", views.actie_afgerond, name="actie_afgerond"),
    path("trajecten/<int:pk>/draaiboek/", views.draaiboek, name="draaiboek"),
    path("trajecten/<int:pk>/draaiboek/vullen/", views.draaiboek_vullen, name="draaiboek_vullen"),
    path("trajecten/<int:pk>/draaiboek/taken/", views.taak_toevoegen, name="taak_toevoegen"),
    path("trajecten/<int:pk>/draaiboek/formulier/", views.taak_formulier, name="taak_formulier"),
    path("trajecten/<int:pk>/draaiboek/taken/lijst/", views.draaiboek_taken, name="draaiboek_taken"),
    path("draaiboek/taken/<int:pk>/", views.taak_wijzigen, name="taak_wijzigen"),
    path("draaiboek/taken/<int:pk>/afgerond/", views.taak_afronden, name="taak_afronden"),
    path("draaiboek/mijn-taken/", views.mijn_taken, name="mijn_taken"),
    path("trajecten/<int:pk>/convenant/", views_convenant.convenant, name="convenant"),
    path("trajecten/<int:pk>/convenant/concept/", views_convenant.concept, name="convenant_concept"),
    path("trajecten/<int:pk>/convenant/stand/", views_convenant.stand, name="convenant_stand"),
    path(
        "trajecten/<int:pk>/convenant/afspraken/formulieren/",
        views_convenant.afspraken_sectie,
        name="convenant_afspraken_sectie",
    ),
    path("trajecten/<int:pk>/convenant/afspraken/", views_convenant.afspraken, name="convenant_afspraken"),
    path("trajecten/<int:pk>/convenant/inbreng/<int:partner_pk>/", views_convenant.inbreng, name="convenant_inbreng"),
    path("trajecten/<int:pk>/convenant/clausules/", views_convenant.clausule, name="convenant_clausule"),
    path("trajecten/<int:pk>/convenant/versturen/", views_convenant.versturen, name="convenant_versturen"),
    path("convenanten/versies/<int:pk>/", views_convenant.versie, name="versie"),
    path("convenanten/versies/<int:pk>/tekenen/", views_convenant.tekenen, name="versie_tekenen"),
    path(
        "convenanten/versies/<int:pk>/tekenen/sectie/",
        views_convenant.versie_tekenen_sectie,
        name="versie_tekenen_sectie",
    ),
    path("convenanten/versies/<int:pk>/weigeren/", views_convenant.weigeren, name="versie_weigeren"),
    path("convenanten/versies/<int:pk>/<slug:soort>.pdf", views_convenant.versie_pdf, name="versie_pdf"),
    path("convenanten/controleren/", views_convenant.controleren, name="controleren"),
]
