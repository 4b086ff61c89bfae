from django.urls import path

from opleiders import views

app_name = "opleiders"
urlpatterns = [
    path("opleiding/", views.deelnemers, name="deelnemers"),
]
