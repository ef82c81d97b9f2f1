from django.db import migrations


class Migration(migrations.Migration):
    """Created the Editor and Publisher groups; publishing.roles now keeps them in step after every migrate."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("embassy", "0001_initial"),
        ("sections", "0002_publishing_workflow"),
        ("events", "0002_publishing_workflow"),
        ("photos", "0002_publishing_workflow"),
    ]

    operations = []
