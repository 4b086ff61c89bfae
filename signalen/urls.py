from django.urls import path

from signalen import views

app_name = "signalen"

urlpatterns = [
    path("signalen/", views.lijst, name="lijst"),
    path("signalen/lijst/", views.lijst_sectie, name="lijst_sectie"),
    path("signalen/instellingen/", views.instellingen, name="instellingen"),
    path("signalen/<int:pk>/gezien/", views.gezien, name="gezien"),
    path("signalen/<int:pk>/uitstellen/", views.uitstellen, name="uitstellen"),
    path("signalen/<int:pk>/afgehandeld/", views.afgehandeld, name="afgehandeld"),
    path("signalen/<int:pk>/toepassen/", views.toepassen, name="toepassen"),
    path("plaatsingen/<int:pk>/verlengen/", views.verlengen, name="verlengen"),
    path("agenda/<str:token>.ics", views.agenda, name="agenda"),
]
