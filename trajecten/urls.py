from django.urls import path

from trajecten import views

app_name = "trajecten"
urlpatterns = [
    path("trajecten/", views.lijst, name="lijst"),
]
