"""schema.org Event descriptions, for search engines (rendered as JSON-LD)."""

from markup.dates import DatePrecision

ISO_FORMATS = {DatePrecision.DAY: "%Y-%m-%d", DatePrecision.MONTH: "%Y-%m", DatePrecision.YEAR: "%Y"}


def iso_date(day, precision, time=None):
    """ISO 8601 at the precision we know ("2009-02" for February 2009), with the time when there is one."""
    if time and precision == DatePrecision.DAY:
        return f"{day.isoformat()}T{time.strftime('%H:%M')}"
    return day.strftime(ISO_FORMATS.get(precision, ISO_FORMATS[DatePrecision.DAY]))


def event(request, event, photos=()):
    url = request.build_absolute_uri(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": iso_date(event.starts_on, event.date_precision, event.start_time),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if event.ends_on:
        data["endDate"] = iso_date(event.ends_on, event.date_precision)
    if event.location:
        data["location"] = {"@type": "Place", "name": event.location, "address": event.location}
    if event.summary:
        data["description"] = event.summary
    if event.participants:
        data["attendee"] = [
            {"@type": "Person", "name": name.strip()} for name in event.participants.split(",") if name.strip()
        ]
    images = [request.build_absolute_uri(photo.image.url) for photo in photos if photo.image]
    if images:
        data["image"] = images
    return data
