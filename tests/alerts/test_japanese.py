"""The alerts' pages and e-mails in Japanese: a reader of the Japanese site never meets an English sentence."""

import pytest

from tests.alerts.test_alerts import deliver, link_in
from tests.html import parse, text_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_japanese_subscription_page_is_in_japanese(client):
    soup = parse(client.get("/ja/alerts/"))
    assert text_of(soup.select_one("h1")) == "メール配信"
    assert "メール配信" in text_of(soup.select_one("title"))
    words = text_of(soup.select_one("main"))
    for japanese in (
        "領事関係のすべてのお知らせ",
        "緊急のお知らせのみ",
        "配信頻度",
        "1日1回まとめて",
        "メールアドレス",
        "登録する",
    ):
        assert japanese in words
    assert "Send me" not in words and "How often" not in words


def test_the_japanese_confirmation_e_mail_and_pages_after_it_are_in_japanese(client, smtp):
    response = client.post("/ja/alerts/", {"email": "yomite@example.jp", "topics": ["notices"],
                                           "frequency": "immediate", "language": "ja"})  # fmt: skip
    assert response.status_code == 302
    assert "メールをご確認ください" in text_of(parse(client.get(response["Location"])))
    deliver()
    (message,) = smtp.to("yomite@example.jp")
    assert "メール配信の登録確認" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert "メール配信の登録の申し込みがありました" in text and "配信停止：" in text
    assert "Someone, probably you" not in text
    html = message.get_body(("html",)).get_content()
    assert "メール配信の登録を確定する" in html and "配信内容の変更" in html
    confirm = link_in(message, "confirm")
    assert "/ja/" in confirm
    page = client.get(confirm[confirm.index("/ja/") :])
    assert page.status_code == 200 and "メール配信の登録の確認" in text_of(parse(page))
