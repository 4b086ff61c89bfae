from django.urls import path

from begeleiding.views import coach, vragen

app_name = "begeleiding"

urlpatterns = [
    # The jobcoach: the caseload, one participant's coaching page, aftercare due.
    path("begeleiding/", coach.caseload, name="caseload"),
    path("begeleiding/lijst/", coach.caseload_lijst, name="caseload_lijst"),
    path("begeleiding/nazorg/", coach.nazorg, name="nazorg"),
    path("begeleiding/nazorg/lijst/", coach.nazorg_lijst, name="nazorg_lijst"),
    path("begeleiding/deelnemers/<int:pk>/", coach.deelnemer, name="deelnemer"),
    path("begeleiding/deelnemers/<int:pk>/gegevens/", coach.deelnemer_gegevens, name="deelnemer_gegevens"),
    path("begeleiding/deelnemers/<int:pk>/contacten/", coach.deelnemer_contacten, name="deelnemer_contacten"),
    path("begeleiding/deelnemers/<int:pk>/contact/", coach.contact, name="contact"),
    path("begeleiding/deelnemers/<int:pk>/check/", coach.behoudcheck, name="behoudcheck"),
    path("begeleiding/deelnemers/<int:pk>/afsluiten/", coach.afsluiten, name="afsluiten"),
    # The regisseur assigns jobcoaches in a trajectory.
    path("begeleiding/trajecten/<int:pk>/jobcoaches/", coach.toewijzen, name="toewijzen"),
    path("begeleiding/trajecten/<int:pk>/jobcoaches/lijst/", coach.toewijzen_lijst, name="toewijzen_lijst"),
    # The employers' questions: answered by the jobcoach and the regisseur, asked in the portal.
    path("begeleiding/vragen/", vragen.vragen, name="vragen"),
    path("begeleiding/vragen/lijst/", vragen.vragen_lijst, name="vragen_lijst"),
    path("begeleiding/vragen/<int:pk>/", vragen.vraag, name="vraag"),
    path("begeleiding/vragen/<int:pk>/plaatsing/", vragen.vraag_plaatsing, name="vraag_plaatsing"),
    path("werkgever/vragen/", vragen.werkgever_vragen, name="werkgever_vragen"),
    path("werkgever/vragen/lijst/", vragen.werkgever_vragen_lijst, name="werkgever_vragen_lijst"),
    path("werkgever/vragen/formulier/", vragen.werkgever_vragen_formulier, name="werkgever_vragen_formulier"),
    path("werkgever/vragen/overzicht/", vragen.werkgever_vragen_kaart, name="werkgever_vragen_kaart"),
    path("werkgever/plaatsingen/<int:pk>/vragen/", vragen.werkgever_vraag_stellen, name="werkgever_vraag_stellen"),
    path(
        "werkgever/plaatsingen/<int:pk>/vragen/sectie/",
        vragen.werkgever_plaatsing_vragen,
        name="werkgever_plaatsing_vragen",
    ),
]
