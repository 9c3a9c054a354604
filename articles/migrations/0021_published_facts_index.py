"""The published articles' id index also carries their outlet and date, so that an event's
coverage (outlets, first and last dates) and the month facet are read from the index alone
instead of a scan of the whole articles table. The new index is built before the old one,
which it replaces, is dropped."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0020_generalized_rules'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['id'], include=('outlet', 'published_on'), name='article_published_facts'),
        ),
        migrations.RemoveIndex(
            model_name='article',
            name='article_published_id',
        ),
    ]
