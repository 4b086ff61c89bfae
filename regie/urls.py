from django.urls import path

from regie import views

app_name = "regie"
urlpatterns = [
    path("trajecten/<int:pk>/overleg/", views.overleggen, name="overleggen"),
    path("trajecten/<int:pk>/overleg/reeks/", views.feedbackreeks, name="feedbackreeks"),
    path("overleg/<int:pk>/", views.overleg, name="overleg"),
    path("overleg/<int:pk>/wijzigen/", views.overleg_wijzigen, name="overleg_wijzigen"),
    path("overleg/<int:pk>/notulen/", views.notulen, name="notulen"),
    path("overleg/<int:pk>/verwijderen/", views.overleg_verwijderen, name="overleg_verwijderen"),
    path("overleg/acties/<int:pk>/afgerond/", views.actie_afgerond, name="actie_afgerond"),
    path("trajecten/<int:pk>/draaiboek/", views.draaiboek, name="draaiboek"),
    path("trajecten/<int:pk>/draaiboek/vullen/", views.draaiboek_vullen, name="draaiboek_vullen"),
    path("trajecten/<int:pk>/draaiboek/taken/", views.taak_toevoegen, name="taak_toevoegen"),
    path("draaiboek/taken/<int:pk>/", views.taak_wijzigen, name="taak_wijzigen"),
    path("draaiboek/taken/<int:pk>/afgerond/", views.taak_afronden, name="taak_afronden"),
    path("draaiboek/mijn-taken/", views.mijn_taken, name="mijn_taken"),
]
