from django.urls import path

from resultaten import views

app_name = "resultaten"

urlpatterns = [
    path("resultaten/", views.wethouder, name="wethouder"),
    path("resultaten/overzicht/", views.wethouder_overzicht, name="wethouder_overzicht"),
    path("resultaten/regie/", views.regie, name="regie"),
    path("resultaten/regie/overzicht/", views.regie_overzicht, name="regie_overzicht"),
]
