from django.http import HttpResponse


def kandidaten(request):  # placeholder until the klantmanager screens land
    return HttpResponse("")
