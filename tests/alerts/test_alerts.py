"""E-mail alerts end to end, against a real SMTP server on loopback."""

import datetime
import re

import pytest
from django.core import signing
from django.utils import timezone

from alerts import sending, services, tokens
from alerts.models import Alert, DigestEntry, Frequency, Message, MessageState, Subscriber, Topic
from events.models import Event
from notices.models import Notice, Severity
from publishing import services as publishing
from publishing.models import Status
from tests.factories import make_page

pytestmark = pytest.mark.django_db(transaction=True)


def confirmed(email, topics=(Topic.NOTICES,), language="en", frequency=Frequency.IMMEDIATE, page=None):
    subscriber = Subscriber.objects.create(email=email, language=language, confirmed_at=timezone.now())
    services.set_subscriptions(subscriber, list(topics), frequency, page)
    return subscriber


def notice(title="Typhoon: office closed", title_ja="台風のため閉館", severity=Severity.EMERGENCY, **fields):
    return Notice.objects.create(title=title, title_ja=title_ja, text="Closed today.", text_ja="本日は閉館します。",
                                 severity=severity, **fields)  # fmt: skip


def deliver():
    return sending.send_due(rate=0)


def link_in(message, name):
    text = message.get_body(("plain",)).get_content()
    return re.search(rf"https?://\S+/alerts/{name}/\S+/", text).group(0)


def test_subscribing_sends_one_confirmation_and_nothing_else_until_confirmed(client, smtp):
    response = client.post("/alerts/", {"email": "reader@example.org", "topics": ["notices"], "frequency": "immediate",
                                        "language": "en"})  # fmt: skip
    assert response.status_code == 302
    deliver()
    assert len(smtp.to("reader@example.org")) == 1
    publishing.publish(notice())
    deliver()
    assert len(smtp.to("reader@example.org")) == 1  # unconfirmed: no alert


def test_confirming_from_the_link_starts_the_alerts(client, smtp):
    client.post("/alerts/", {"email": "reader@example.org", "topics": ["notices"], "frequency": "immediate",
                             "language": "ja"})  # fmt: skip
    deliver()
    confirm_url = link_in(smtp.to("reader@example.org")[0], "confirm")
    path = confirm_url.split("8000", 1)[1]
    assert client.get(path).status_code == 200  # a GET (a mail scanner) confirms nothing
    assert not Subscriber.objects.get().confirmed_at
    client.post(path)
    assert Subscriber.objects.get().confirmed_at
    publishing.publish(notice())
    deliver()
    alert = smtp.to("reader@example.org")[-1]
    assert "台風のため閉館" in alert["Subject"]
    assert "本日は閉館します。" in alert.get_body(("plain",)).get_content()


def test_each_subscriber_gets_the_alert_in_their_language_with_the_embassy_address(smtp):
    from sitewide.models import SiteSettings

    SiteSettings.objects.create(embassy_name="Embassy of Japan", address="2520 Massachusetts Avenue NW")
    confirmed("en@example.org")
    confirmed("ja@example.org", language="ja")
    publishing.publish(notice())
    deliver()
    english, japanese = smtp.to("en@example.org")[0], smtp.to("ja@example.org")[0]
    assert english["Subject"] == "Emergency: Typhoon: office closed"
    assert japanese["Subject"] == "緊急: 台風のため閉館"
    for message in (english, japanese):
        assert "2520 Massachusetts Avenue NW" in message.get_body(("plain",)).get_content()
        assert message.get_body(("html",)) is not None
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].strip().startswith("<http")


def test_emergencies_only_subscribers_hear_only_of_emergencies(smtp):
    confirmed("urgent@example.org", topics=[Topic.EMERGENCIES])
    confirmed("all@example.org", topics=[Topic.NOTICES])
    publishing.publish(notice(title="New fees", severity=Severity.INFORMATION))
    publishing.publish(notice(title="Earthquake", severity=Severity.EMERGENCY))
    deliver()
    assert [m["Subject"] for m in smtp.to("urgent@example.org")] == ["Emergency: Earthquake"]
    assert len(smtp.to("all@example.org")) == 2


def test_an_all_clear_goes_to_the_same_people(smtp):
    confirmed("urgent@example.org", topics=[Topic.EMERGENCIES])
    typhoon = notice(title="Typhoon")
    publishing.publish(typhoon)
    publishing.publish(notice(title="All clear", severity=Severity.INFORMATION, follows=typhoon))
    deliver()
    assert [m["Subject"] for m in smtp.to("urgent@example.org")] == ["Emergency: Typhoon", "Information: All clear"]


def test_a_new_event_and_a_page_change_note_send_alerts(smtp):
    page = make_page(title="Visas", slug="visas")
    confirmed("events@example.org", topics=[Topic.EVENTS])
    confirmed("page@example.org", topics=[Topic.PAGE], page=page)
    event = Event.objects.create(title="Summit", slug="summit", starts_on=datetime.date(2030, 1, 1))
    publishing.publish(event)
    from tests.factories import make_section

    section = make_section(page, "Fees", status=Status.DRAFT)
    publishing.publish(section, note="New visa fees from April.")
    deliver()
    assert [m["Subject"] for m in smtp.to("events@example.org")] == ["Summit"]
    page_alert = smtp.to("page@example.org")
    assert len(page_alert) == 1 and "New visa fees from April." in page_alert[0].get_body(("plain",)).get_content()


def test_a_page_change_without_a_note_sends_nothing(smtp):
    page = make_page(title="Visas", slug="visas")
    confirmed("page@example.org", topics=[Topic.PAGE], page=page)
    from tests.factories import make_section

    publishing.publish(make_section(page, "Fees", status=Status.DRAFT))
    deliver()
    assert smtp.to("page@example.org") == []


def test_daily_subscribers_get_one_digest(smtp, settings):
    settings.ALERTS_DIGEST_HOUR = 0
    confirmed("daily@example.org", frequency=Frequency.DAILY)
    publishing.publish(notice(title="First"))
    publishing.publish(notice(title="Second"))
    deliver()
    assert smtp.to("daily@example.org") == []
    services.queue_digests()
    services.queue_digests()  # a second run the same day adds nothing
    deliver()
    digests = smtp.to("daily@example.org")
    assert len(digests) == 1
    body = digests[0].get_body(("plain",)).get_content()
    assert "First" in body and "Second" in body


def test_one_click_unsubscribe_stops_everything(client, smtp):
    confirmed("reader@example.org")
    publishing.publish(notice(title="First"))
    deliver()
    url = smtp.to("reader@example.org")[0]["List-Unsubscribe"].strip().strip("<>")
    path = url.split("8000", 1)[1]
    # RFC 8058: a POST with this body, no cookie, no CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    publishing.publish(notice(title="Second"))
    deliver()
    assert [m["Subject"] for m in smtp.to("reader@example.org")] == ["Emergency: First"]


def test_the_manage_link_shows_and_changes_the_subscriptions(client, smtp):
    subscriber = confirmed("reader@example.org")
    path = f"/alerts/manage/{tokens.manage_token(subscriber)}/"
    page = client.get(path).content.decode()
    assert 'value="notices" checked' in page.replace("\n", " ") or "checked" in page
    response = client.post(path, {"topics": ["events"], "frequency": "daily", "language": "ja"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.language == "ja"
    assert list(subscriber.subscriptions.values_list("topic", "frequency")) == [("events", "daily")]
    assert "reader@example.org" not in page  # the page does not show the address to whoever holds the link


@pytest.mark.parametrize("forge", ["garbage", "forged-by-hand", "expired", "another-key"])
def test_a_forged_or_expired_token_is_refused(client, smtp, forge, time_machine=None):
    subscriber = confirmed("reader@example.org")
    token = tokens.confirm_token(subscriber)
    if forge == "garbage":
        token = "not-a-token"
    elif forge == "forged-by-hand":
        token = signing.dumps([subscriber.pk, subscriber.key], salt="another-salt")
    elif forge == "another-key":
        Subscriber.objects.filter(pk=subscriber.pk).update(key="changed")
    elif forge == "expired":
        import time_machine

        with time_machine.travel(timezone.now() - datetime.timedelta(days=8)):
            token = tokens.confirm_token(subscriber)
    assert client.post(f"/alerts/confirm/{token}/").status_code == 404
    assert client.post(f"/alerts/unsubscribe/{token}/").status_code == 404


def test_at_most_one_confirmation_per_address_per_hour(client, smtp):
    for _ in range(5):
        client.post("/alerts/", {"email": "victim@example.org", "topics": ["notices"], "frequency": "immediate",
                                 "language": "en"})  # fmt: skip
    deliver()
    assert len(smtp.to("victim@example.org")) == 1


@pytest.mark.parametrize(
    "address",
    [
        "not an address",
        "a@b@c.org",
        "x" * 250 + "@example.org",
        "victim@example.org\r\nBcc: all@example.org",
        "victim@example.org\nSubject: spam",
    ],  # fmt: skip
)
def test_bad_addresses_get_a_form_error(client, smtp, address):
    response = client.post("/alerts/", {"email": address, "topics": ["notices"], "frequency": "immediate",
                                        "language": "en"})  # fmt: skip
    assert response.status_code == 200
    assert Subscriber.objects.count() == 0


def test_an_internationalised_domain_is_delivered_in_its_ascii_form(client, smtp):
    client.post("/alerts/", {"email": "reader@例え.jp", "topics": ["notices"], "frequency": "immediate",
                             "language": "ja"})  # fmt: skip
    deliver()
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["To"] in ("reader@xn--r8jz45g.jp", "reader@例え.jp")


def test_a_title_cannot_inject_headers(smtp):
    confirmed("reader@example.org")
    item = notice(title="Typhoon")
    Notice.objects.filter(pk=item.pk).update(title="Typhoon\r\nBcc: everyone@example.org")  # stored before the rule
    item.refresh_from_db()
    publishing.publish(item)
    deliver()
    (message,) = smtp.messages
    assert message["Bcc"] is None and "everyone@example.org" not in str(message["To"])


def test_an_smtp_refusal_for_now_is_retried_and_then_delivered_once(smtp):
    confirmed("reader@example.org")
    publishing.publish(notice())
    smtp.refuse_with = "451 Try again later"
    deliver()
    assert smtp.messages == [] and Message.objects.get(kind="alert").state == MessageState.PENDING
    smtp.refuse_with = None
    deliver()
    assert len(smtp.to("reader@example.org")) == 1
    deliver()
    assert len(smtp.to("reader@example.org")) == 1


def test_a_permanent_refusal_is_failed_and_counted(smtp):
    confirmed("reader@example.org")
    publishing.publish(notice())
    smtp.refuse_with = "550 No such user"
    deliver()
    assert services.alert_counts(Alert.objects.get()) == {"sent": 0, "failed": 1, "pending": 0}


def test_a_server_that_is_not_there_loses_nothing(smtp, settings):
    confirmed("reader@example.org")
    publishing.publish(notice())
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens: connection refused
    deliver()
    assert Message.objects.get(kind="alert").state == MessageState.PENDING
    settings.EMAIL_PORT = real_port
    deliver()
    assert len(smtp.messages) == 1


def test_a_server_that_times_out_loses_nothing(smtp, settings):
    import threading

    confirmed("reader@example.org")
    publishing.publish(notice())
    settings.EMAIL_TIMEOUT = 0.5
    smtp.stall = threading.Event()
    deliver()
    smtp.stall.set()
    smtp.stall = None
    assert Message.objects.get(kind="alert").state == MessageState.PENDING
    Message.objects.update(send_after=timezone.now())
    deliver()
    assert len(smtp.to("reader@example.org")) == 1


def test_a_disconnect_mid_batch_sends_the_rest_later_and_nothing_twice(smtp):
    for n in range(10):
        confirmed(f"reader{n}@example.org")
    publishing.publish(notice())
    smtp.hang_up_after = 4
    deliver()
    assert len(smtp.messages) == 4
    smtp.hang_up_after = None
    deliver()
    assert sorted(m["To"] for m in smtp.messages) == sorted(f"reader{n}@example.org" for n in range(10))
    assert services.alert_counts(Alert.objects.get()) == {"sent": 10, "failed": 0, "pending": 0}


def test_staff_see_the_count_before_publishing(smtp, staff_client):
    for n in range(3):
        confirmed(f"reader{n}@example.org")
    Subscriber.objects.create(email="unconfirmed@example.org")  # not counted
    page = staff_client.get("/admin/notices/notice/add/").content.decode()
    assert "will e-mail 3 subscribers" in " ".join(page.split())
    assert "reader0@example.org" not in page


def test_editors_never_see_addresses(editor_client):
    confirmed("reader@example.org")
    assert editor_client.get("/admin/alerts/subscriber/").status_code == 403


def test_the_count_after_publishing(smtp):
    for n in range(3):
        confirmed(f"reader{n}@example.org")
    confirmed("daily@example.org", frequency=Frequency.DAILY)
    publishing.publish(notice())
    assert services.alert_counts(Alert.objects.get()) == {"sent": 0, "failed": 0, "pending": 4}
    deliver()
    assert services.alert_counts(Alert.objects.get()) == {"sent": 3, "failed": 0, "pending": 1}
    assert DigestEntry.objects.count() == 1


def test_unsubscribed_addresses_are_deleted_after_the_grace_period(smtp):
    subscriber = confirmed("reader@example.org")
    services.unsubscribe(subscriber)
    assert services.purge() == 0
    assert services.purge(timezone.now() + datetime.timedelta(days=8)) == 1
    assert not Subscriber.objects.exists()


def test_a_notice_unpublished_before_its_start_sends_nothing(smtp):
    import time_machine

    confirmed("reader@example.org")
    start = timezone.now() + datetime.timedelta(hours=1)
    scheduled = notice(publish_at=start)
    publishing.publish(scheduled)
    assert Message.objects.get(kind="alert").state == MessageState.PENDING
    publishing.unpublish(scheduled)
    with time_machine.travel(start + datetime.timedelta(seconds=1), tick=False):
        deliver()
    assert smtp.messages == []
    assert Message.objects.get(kind="alert").state == MessageState.WITHDRAWN


def test_a_scheduled_notice_still_published_is_sent_at_its_start_and_not_before(smtp):
    import time_machine

    confirmed("reader@example.org")
    start = timezone.now() + datetime.timedelta(hours=1)
    publishing.publish(notice(publish_at=start))
    with time_machine.travel(start - datetime.timedelta(seconds=1), tick=False):
        deliver()
    assert smtp.messages == []
    with time_machine.travel(start, tick=False):
        deliver()
    assert [m["To"] for m in smtp.messages] == ["reader@example.org"]


def test_publish_selected_shows_the_count_first_and_publishes_once_confirmed(publisher_client, smtp):
    for n in range(2):
        confirmed(f"reader{n}@example.org")
    draft = notice(status=Status.DRAFT)
    action = {"action": "publish_selected", "_selected_action": [draft.pk]}
    page = publisher_client.post("/admin/notices/notice/", action)
    assert page.status_code == 200
    assert "will e-mail 2 subscribers" in " ".join(page.content.decode().split())
    assert "reader0@example.org" not in page.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not Message.objects.filter(kind="alert").exists()
    assert publisher_client.post("/admin/notices/notice/", {**action, "confirmed": "yes"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert Message.objects.filter(kind="alert").count() == 2
