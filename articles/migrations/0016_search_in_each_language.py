"""Each article searched in its language's text-search configuration (english, russian, or
simple for any other), accents ignored; the language detected where the header gave none.

The search vector is regenerated for every article: dropped before the languages are
detected (so that setting them does not compute the old vector again), added after.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models
from django.db.models.functions import Substr

from articles.language_detection import SAMPLE_CHARS, detect_language

# unaccent is a trusted extension (PostgreSQL 13+): the database's owner may create it.
CREATE_CONFIGURATIONS = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION russian_unaccent (COPY = russian);
ALTER TEXT SEARCH CONFIGURATION russian_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, russian_stem;
CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION simple_unaccent
    ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart
    WITH unaccent, simple;
"""
DROP_CONFIGURATIONS = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS russian_unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;
"""
BATCH = 2_000
EN, RU = models.Q(language__iregex="^en(-|$)"), models.Q(language__iregex="^ru(-|$)")


def vector(config):
    search = django.contrib.postgres.search
    return search.SearchVector("headline", weight="A", config=config) + search.SearchVector(
        "body", weight="B", config=config
    )


def detect_languages(apps, schema_editor):
    """The language of each article whose header named none (and no editor set), and where
    every language came from."""
    Article = apps.get_model("articles", "Article")
    unset = Article.objects.filter(language="").exclude(editor_fields__contains=["language"])
    rows = unset.annotate(opening=Substr("body", 1, SAMPLE_CHARS)).values_list(
        "pk", "headline", "opening"
    )
    found = []
    for pk, headline, opening in rows.iterator(chunk_size=BATCH):
        language = detect_language(headline, opening)
        if language:
            found.append(Article(pk=pk, language=language, language_source="text"))
    Article.objects.bulk_update(found, ["language", "language_source"], batch_size=BATCH)
    given = Article.objects.exclude(language="").filter(language_source="")
    given.filter(editor_fields__contains=["language"]).update(language_source="editor")
    given.update(language_source="header")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_note_published_at"),
    ]

    operations = [
        migrations.RunSQL(CREATE_CONFIGURATIONS, DROP_CONFIGURATIONS),
        migrations.RemoveIndex(model_name="article", name="article_search_gin"),
        migrations.RemoveField(model_name="article", name="search_vector"),
        migrations.AddField(
            model_name="article",
            name="language_source",
            field=models.CharField(
                blank=True,
                choices=[
                    ("header", "From the import file's header"),
                    ("text", "Inferred from the text"),
                    ("editor", "Set by an editor"),
                ],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="language_source",
            field=models.CharField(
                blank=True,
                choices=[
                    ("header", "From the import file's header"),
                    ("text", "Inferred from the text"),
                    ("editor", "Set by an editor"),
                ],
                max_length=10,
            ),
        ),
        migrations.RunPython(detect_languages, migrations.RunPython.noop, elidable=True),
        migrations.AddField(
            model_name="article",
            name="search_config",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(EN, then=models.Value("english_unaccent")),
                    models.When(RU, then=models.Value("russian_unaccent")),
                    default=models.Value("simple_unaccent"),
                    output_field=models.CharField(),
                ),
                output_field=models.CharField(max_length=20),
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(EN, then=vector("english_unaccent")),
                    models.When(RU, then=vector("russian_unaccent")),
                    default=vector("simple_unaccent"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="article_search_gin"
            ),
        ),
    ]
