from django.http import HttpResponse


def lijst(request):  # placeholder until the regisseur screens land
    return HttpResponse("")
