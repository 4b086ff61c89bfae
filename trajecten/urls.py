from django.urls import path

from trajecten import views, views_planning

app_name = "trajecten"
urlpatterns = [
    path("trajecten/", views.lijst, name="lijst"),
    path("trajecten/nieuw/", views.nieuw, name="nieuw"),
    path("trajecten/<int:pk>/", views.detail, name="detail"),
    # The trajectory page's sections, each loaded lazily (issue 12).
    path("trajecten/<int:pk>/bord/", views.traject_bord, name="traject_bord"),
    path("trajecten/<int:pk>/voortgang/", views.traject_voortgang, name="traject_voortgang"),
    path("trajecten/<int:pk>/signalen/", views.traject_signalen_sectie, name="traject_signalen"),
    path("trajecten/<int:pk>/acties/", views.traject_acties, name="traject_acties"),
    path("trajecten/<int:pk>/partnerlijst/", views.traject_partners, name="traject_partners"),
    path("trajecten/<int:pk>/planning/", views.traject_planning, name="traject_planning"),
    path("trajecten/<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("trajecten/<int:pk>/partners/", views.partner_toevoegen, name="partner_toevoegen"),
    path(
        "trajecten/<int:pk>/partners/<int:partner_pk>/verwijderen/",
        views.partner_verwijderen,
        name="partner_verwijderen",
    ),
    path("trajecten/<int:pk>/fases/", views.fase_toevoegen, name="fase_toevoegen"),
    path("trajecten/<int:pk>/planningshulp/", views_planning.planningshulp, name="planningshulp"),
    path("trajecten/<int:pk>/fases/<int:fase_pk>/", views.fase_wijzigen, name="fase_wijzigen"),
    path("trajecten/<int:pk>/fases/<int:fase_pk>/verwijderen/", views.fase_verwijderen, name="fase_verwijderen"),
    path("deelnames/<int:pk>/", views.deelname_detail, name="deelname"),
    path("deelnames/<int:pk>/sectie/<slug:sectie>/", views.deelname_sectie, name="deelname_sectie"),
    path("deelnames/<int:pk>/stap/", views.deelname_stap, name="deelname_stap"),
    path("deelnames/<int:pk>/contactmomenten/", views.contactmoment_toevoegen, name="contactmoment_toevoegen"),
    path("acties/<int:pk>/afgerond/", views.actie_afgerond, name="actie_afgerond"),
]
