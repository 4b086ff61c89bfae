from django.http import HttpResponse


def deelnemers(request):  # placeholder until the opleider screens land
    return HttpResponse("")
