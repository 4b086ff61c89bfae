def axes_username(request, credentials):
    """The username django-axes counts failures for: as login matches it, case-insensitive."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
