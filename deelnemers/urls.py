from django.urls import path

from deelnemers import views

app_name = "deelnemers"
urlpatterns = [
    path("kandidaten/", views.kandidaten, name="kandidaten"),
]
