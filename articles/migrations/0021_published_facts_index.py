"""The published articles' id index also carries their outlet and date, so that an event's
coverage (outlets, first and last dates) and the month facet are read from the index alone
instead of a scan of the whole articles table. The new index is built before the old one,
which it replaces, is dropped. Both concurrently: a large archive's articles stay writable
while the index is built."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('articles', '0020_generalized_rules'),
    ]

    operations = [
        AddIndexConcurrently(
            model_name='article',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['id'], include=('outlet', 'published_on'), name='article_published_facts'),
        ),
        RemoveIndexConcurrently(
            model_name='article',
            name='article_published_id',
        ),
    ]
