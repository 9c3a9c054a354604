from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.editors import EDITORS, ensure_editors_group

# The permissions as they were when the group was created; later migrations add theirs.
PERMISSIONS = {
    "article": ["view", "change"],
    "event": ["view", "add", "change"],
    "placement": ["view", "add", "change", "delete"],
    "annotation": ["view", "add", "change", "delete"],
    "outlet": ["view", "add", "change", "delete"],
    "tag": ["view", "add", "change", "delete"],
    "slugredirect": ["view"],
    "historicalarticle": ["view"],
    "historicalevent": ["view"],
    "historicalplacement": ["view"],
    "historicalannotation": ["view"],
}


def create_editors_group(apps, schema_editor, permissions=PERMISSIONS):
    # Permissions are normally created after migrations; the group needs them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_editors_group(
        apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), permissions
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_events"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
