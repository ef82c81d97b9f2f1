import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TranslationRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("item_id", models.PositiveBigIntegerField()),
                ("language", models.CharField(max_length=8)),
                (
                    "source",
                    models.JSONField(help_text="The English fields the translation was brought up to date with."),
                ),
                ("synced_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "item_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "synced_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "permissions": [("mark_translated", "Can mark a translation up to date")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("item_type", "item_id", "language"), name="translations_one_per_item"
                    )
                ],
            },
        ),
    ]
