"""The employer portal (role werkgever), under /werkgever/."""

from django.urls import path

from werkgevers import views_portal as views

app_name = "werkgever"

urlpatterns = [
    path("werkgever/", views.start, name="start"),
]
