"""Benchmark: server time to open and to save a published section with ten photographs in the admin, on the
large site, as a Publisher does it (the change form applies the draft in a rolled-back sandbox; saving keeps
the change as the draft).

    .venv/bin/python bench/admin_edit.py [--scale 1.0] [--runs 7]

Runs in a temporary folder (SQLite database, media) with Django's test client, in this process: what is
measured is the server's work, with no network in between. Prints the median and the slowest run of each.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="embassy-admin-bench-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="embassy.settings",
        DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        MEDIA_ROOT=f"{folder}/media",
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    from photos.models import Photo, PhotoPlacement
    from sections.models import Section
    from tests.html import form_data
    from tests.signin import sign_in_with_second_factor

    quiet = open(os.devnull, "w")
    call_command("migrate", "--noinput", stdout=quiet)
    call_command("load_demo", stdout=quiet)
    call_command("make_large_site", scale=args.scale, stdout=quiet)
    user = get_user_model().objects.create_user("pat", "pat@example.org", "a-long-bench-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    client = Client()
    sign_in_with_second_factor(client, user)

    section = Section.objects.filter(depth=2, status="published").order_by("-pk").first()
    PhotoPlacement.objects.filter(section=section).delete()
    for position, photo in enumerate(Photo.objects.filter(status="published")[:10]):
        PhotoPlacement.objects.create(section=section, photo=photo, position=position)
    url = f"/admin/sections/section/{section.pk}/change/"

    opens, saves = [], []
    for run in range(args.runs):
        started = time.perf_counter()
        response = client.get(url)
        opens.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        data = form_data(response)
        data["body"] = f"{data['body']}\n\nChanged in run {run}."
        started = time.perf_counter()
        response = client.post(url, data)
        saves.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    print(f"Sections: {Section.objects.count()}, photographs: {Photo.objects.count()}, placed in the section: 10")
    for name, times in (("open the change form", opens), ("save the draft", saves)):
        print(f"{name}: median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
