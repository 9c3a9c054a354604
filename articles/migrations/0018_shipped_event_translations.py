"""The Ukrainian and Russian names and summaries of the two events the project ships with.
Only empty fields are filled: a translation an editor has written stays."""

from django.db import migrations

TRANSLATIONS = {
    "farewells": {
        "name_uk": "Прощання",
        "name_ru": "Прощания",
        "summary_uk": (
            "Солдати й батьки прощаються з рідними на початку вторгнення: останнє повідомлення "
            "молодого солдата батькам під обстрілами і батько, який відправляє доньку в безпечне "
            "місце, а сам лишається воювати."
        ),
        "summary_ru": (
            "Солдаты и отцы прощаются с семьями в начале вторжения: последнее сообщение "
            "молодого солдата родителям под обстрелами и отец, который отправляет дочь в "
            "безопасное место, а сам остаётся воевать."
        ),
    },
    "captured-soldier-calls": {
        "name_uk": "Дзвінки полонених солдатів",
        "name_ru": "Звонки пленных солдат",
        "summary_uk": (
            "Полонений російський солдат, якого українці пригостили випічкою та чаєм, плаче під "
            "час відеодзвінка матері, Наташі; згодом додому подзвонили й інші полонені."
        ),
        "summary_ru": (
            "Пленный российский солдат, которого украинцы угостили выпечкой и чаем, плачет во "
            "время видеозвонка матери, Наташе; затем домой позвонили и другие пленные."
        ),
    },
}


def translate_shipped_events(apps, schema_editor):
    Event = apps.get_model("articles", "Event")
    for event in Event.objects.filter(slug__in=TRANSLATIONS):
        empty = {
            field: text
            for field, text in TRANSLATIONS[event.slug].items()
            if not getattr(event, field).strip()
        }
        if empty:
            Event.objects.filter(pk=event.pk).update(**empty)


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_translated_texts")]

    operations = [migrations.RunPython(translate_shipped_events, migrations.RunPython.noop)]
