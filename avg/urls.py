from django.urls import path

from avg import views

app_name = "avg"

urlpatterns = [
    path("kandidaten/<int:pk>/avg/", views.kandidaat, name="kandidaat"),
    path("kandidaten/<int:pk>/avg/verzoeken/", views.verzoek_vastleggen, name="verzoek_vastleggen"),
    path(
        "kandidaten/<int:pk>/avg/verzoeken/<int:verzoek_pk>/afhandelen/",
        views.verzoek_afhandelen,
        name="verzoek_afhandelen",
    ),
    path("kandidaten/<int:pk>/avg/inzage.pdf", views.inzage_pdf, name="inzage_pdf"),
    path("kandidaten/<int:pk>/avg/inzage.json", views.inzage_json, name="inzage_json"),
]
