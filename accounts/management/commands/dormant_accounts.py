from django.conf import settings
from django.core.management.base import BaseCommand

from accounts import services


class Command(BaseCommand):
    help = f"List staff accounts unused for {settings.ACCOUNTS_DORMANT_DAYS} days; --suspend suspends them now."

    def add_arguments(self, parser):
        parser.add_argument("--suspend", action="store_true", help="Suspend them (they are at their next sign-in).")

    def handle(self, *args, suspend=False, **options):
        users = services.dormant_users()
        for user in users:
            last = user.last_login.isoformat() if user.last_login else "never signed in"
            self.stdout.write(f"{user.get_username()}\t{last}")
            if suspend:
                services.suspend(user, detail="suspended by dormant_accounts")
        self.stdout.write(f"{len(users)} dormant account(s){' suspended' if suspend and users else ''}.")
