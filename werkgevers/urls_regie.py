"""The regisseur's employer and matching work (and the klantmanager's profile text), under /matching/."""

from django.urls import path

from werkgevers import views_regie as views

app_name = "matching"

urlpatterns = [
    path("matching/", views.overzicht, name="overzicht"),
]
