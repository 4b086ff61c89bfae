"""Heavy sections load lazily (issue 12).

A page shows its light parts at once and a placeholder for each heavy section (the board, a
long list, a section full of forms): `{% include "leerwerk/_lui.html" with url=... titel=... %}`.
With JavaScript, htmx fetches the section when the page has loaded and swaps it in; the page a
person waits for stays as fast as its light parts, and a section's cost no longer adds up with
the others in one answer. Without JavaScript the placeholder is a link to the same URL, which
then answers with the section as a page of its own (`sectie_antwoord`). With `doel="#id"` the
answer fills that element (innerHTML) instead of replacing the placeholder, for a section whose
container other requests fill too (the candidate list's table).

On the page of its own (and only there) the context has `sectie_titel`: a section template
tests it to bring what the page's head would have given it, such as its stylesheet
(`{% if sectie_titel %}<link rel="stylesheet" ...>{% endif %}`).

A section URL is guarded like its page (same role, same scope, 404 out of scope) and writes its
own access log: a person is logged when the section that shows them is served.
"""

from django.shortcuts import render


def sectie_antwoord(request, template, context, *, titel, terug=None, status=200):
    """Answer a section URL: the fragment for an htmx request, else a page around it.

    `titel` heads the page of its own; `terug` is (label, url) for the link back to the page
    the section belongs to.
    """
    if request.htmx and not request.htmx.boosted:
        return render(request, template, context, status=status)
    return render(
        request,
        "leerwerk/sectie_pagina.html",
        {**context, "sectie_template": template, "sectie_titel": titel, "sectie_terug": terug},
        status=status,
    )
