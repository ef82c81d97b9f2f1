"""Twenty editors save at the same moment, while visitors keep reading, on SQLite behind gunicorn."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.deployment

EDITORS = 20
READERS = 4
READS_PER_READER = 60


def test_twenty_concurrent_staff_saves_under_public_load_all_succeed(production_stack):
    add_path = f"{production_stack.admin_url}events/event/add/"
    editors = []
    for number in range(EDITORS):
        client = production_stack.client()
        assert client.login().status == 302
        data = client.form_data(add_path, "form#event_form")
        data.update(
            {
                "title": f"Concurrent save {number}",
                "slug": f"concurrent-save-{number}",
                "starts_on": "2009-02-24",
                "status": "published",
                "summary": "Saved while nineteen others saved too.",
                "body": f"Body of save **{number}**.",
            }
        )
        editors.append((client, data))

    start = threading.Barrier(EDITORS + READERS)
    saves_done = threading.Event()

    def save(editor):
        client, data = editor
        start.wait(timeout=60)
        return client.post_form(add_path, data).status

    def read(number):
        client = production_stack.client(source=f"127.0.1.{number + 1}")
        start.wait(timeout=60)
        statuses = []
        for index in range(READS_PER_READER):
            statuses.append(client.get("/events/" if index % 2 else "/").status)
            if saves_done.is_set() and index >= 10:
                break
        return statuses

    with ThreadPoolExecutor(max_workers=EDITORS + READERS) as pool:
        readers = [pool.submit(read, number) for number in range(READERS)]
        saves = [pool.submit(save, editor) for editor in editors]
        save_statuses = [future.result(timeout=120) for future in saves]
        saves_done.set()
        read_statuses = [status for future in readers for status in future.result(timeout=120)]

    assert save_statuses == [302] * EDITORS
    assert set(read_statuses) == {200}
    visitor = production_stack.client()
    for number in range(EDITORS):
        page = visitor.get(f"/events/concurrent-save-{number}/")
        assert page.status == 200 and f"Concurrent save {number}" in page.text
