"""Reading rendered pages the way a reader's browser would: by their elements, not by substrings."""

from bs4 import BeautifulSoup


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).split())


def form_data(response, form_selector="#content-main form"):
    """The values a browser would submit for the form on ``response``, as a dict to change and post back."""
    form = parse(response).select_one(form_selector)
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.get_text().removeprefix("\n")
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "file", "button"):
            data[name] = field.get("value", "")
    return data
