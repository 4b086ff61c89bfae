"""Fetch a page together with its lazy sections (leerwerk.secties), as a browser with htmx would."""

import re

LUI = re.compile(r'<div[^>]*class="leerwerk-lui"[^>]*hx-get="([^"]+)"[^>]*>.*?</div>', re.S)


def met_secties(client, url, **extra) -> str:
    """The page at `url` with every lazy section swapped in (each fetched as htmx does), and the
    sections those hold in turn."""
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()

    def sectie(match):
        antwoord = client.get(match.group(1).replace("&amp;", "&"), HTTP_HX_REQUEST="true", **extra)
        assert antwoord.status_code == 200, (match.group(1), antwoord.status_code)
        return antwoord.content.decode()

    for _diepte in range(3):  # a section may hold sections of its own (the match overview's places)
        if not LUI.search(html):
            break
        html = LUI.sub(sectie, html)
    return html
