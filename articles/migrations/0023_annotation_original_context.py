"""A note keeps the context its editor anchored it in (original_prefix, original_suffix), as
it keeps the editor's words: re-imports look for those, so a wrong move is not permanent.
Existing notes start from their current context."""

from django.db import migrations, models


def keep_current_context(apps, schema_editor):
    Annotation = apps.get_model("articles", "Annotation")
    Annotation.objects.update(
        original_prefix=models.F("prefix"), original_suffix=models.F("suffix")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_placement_precision"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="original_prefix",
            field=models.CharField(
                blank=True,
                help_text="The text before the passage when the editor chose it: re-imports look for these surroundings, so a wrong move cannot become the new reference.",
                max_length=64,
                verbose_name="original prefix",
            ),
        ),
        migrations.AddField(
            model_name="annotation",
            name="original_suffix",
            field=models.CharField(blank=True, max_length=64, verbose_name="original suffix"),
        ),
        migrations.AddField(
            model_name="historicalannotation",
            name="original_prefix",
            field=models.CharField(
                blank=True,
                help_text="The text before the passage when the editor chose it: re-imports look for these surroundings, so a wrong move cannot become the new reference.",
                max_length=64,
                verbose_name="original prefix",
            ),
        ),
        migrations.AddField(
            model_name="historicalannotation",
            name="original_suffix",
            field=models.CharField(blank=True, max_length=64, verbose_name="original suffix"),
        ),
        migrations.RunPython(keep_current_context, migrations.RunPython.noop),
    ]
