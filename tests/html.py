"""Reading rendered pages the way a reader's browser would: by their elements, not by substrings."""

from bs4 import BeautifulSoup


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).split())
