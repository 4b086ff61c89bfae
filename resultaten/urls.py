from django.urls import path

from resultaten import views

app_name = "resultaten"

urlpatterns = [
    path("resultaten/regie/<int:traject>/<slug:klasse>/", views.uitsplitsing, name="uitsplitsing"),
    path("resultaten/regie/<int:traject>/<slug:klasse>/deelnemers/", views.uitsplitsing_sectie,
         name="uitsplitsing_sectie"),
]  # fmt: skip
for voorvoegsel, naam, v in (
    ("resultaten/", "wethouder", views.WETHOUDER),
    ("resultaten/regie/", "regie", views.REGIE),
):
    urlpatterns += [
        path(voorvoegsel, v["pagina"], name=naam),
        path(f"{voorvoegsel}overzicht/", v["sectie"], name=f"{naam}_overzicht"),
        path(f"{voorvoegsel}export.<str:formaat>", v["export"], name=f"{naam}_export"),
        path(f"{voorvoegsel}raadsrapportage/", v["rapportage"], name=f"{naam}_rapportage"),
        path(f"{voorvoegsel}raadsrapportage/<int:pk>.pdf", v["rapportage_pdf"], name=f"{naam}_rapportage_pdf"),
    ]
