from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# Content, never users or groups. Articles come from imports: editors change and
# hide them rather than add or delete them.
PERMISSIONS = {
    "article": ["view", "change"],
    "reviewitem": ["view", "change"],
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


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after migrations; the group needs them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    permissions = Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    assert permissions.count() == len(codenames), "a permission the Editors group needs is missing"
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_history_warnings_review_queue"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
