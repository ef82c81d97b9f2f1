"""schema.org descriptions of pages and sections, for search engines (rendered as JSON-LD)."""

from django.conf import settings
from django.utils import translation


def photo_url(request, photo):
    return request.build_absolute_uri(photo.image.url) if photo and photo.image else None


def article(request, *, page, title, description, url, photo=None, part_of=None, site_name=""):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": title[:110],
        "name": title,
        "url": url,
        "mainEntityOfPage": url,
        "dateModified": page.updated_at.isoformat(),
        "inLanguage": translation.get_language() or settings.LANGUAGE_CODE,
    }
    if description:
        data["description"] = description
    if page.dated:
        data["datePublished"] = page.dated.isoformat()
    publisher = page.publisher or site_name
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
        data["author"] = {"@type": "Organization", "name": publisher}
    image = photo_url(request, photo)
    if image:
        data["image"] = image
    if part_of:
        data["isPartOf"] = {"@type": "Article", "name": part_of[0], "url": part_of[1]}
    return data
