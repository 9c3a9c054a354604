"""Two corrections to 0020's rules. A captured soldier who "told" someone something is not
on a call home: "tells" and "told" placed interrogation and surrender stories among the calls,
so they no longer count as calling. Prefixes that took in unrelated words are spelled out:
тат* (Tatars), син* (синій, blue), parl* (parliament), dial* (dialogue), feed* (news feeds).
"Parents" in Spanish, Italian, German and Polish now counts as the family a soldier says
goodbye to, as "parents" did in English. Updates an event only where its rules are still the
ones 0020 shipped, so an editor's own rules are kept."""

from importlib import import_module

from django.db import migrations

SHIPPED = import_module("articles.migrations.0020_generalized_rules").RULES
RULE_FIELDS = ("sentence_terms", "lead_terms", "exclude_terms", "sentence_window")
CHANGES = {
    "captured-soldier-calls": [
        ("talked with, tells, told, ", "talked with, "),
        ("fed, feed*, ", "fed, feed, feeding, "),
        ("dial*, ", "dial, dials, dialed, dialled, dialing, dialling, "),
        ("videochiam*, parl*, ", "videochiam*, parla, parlare, parlato, parlando, parler, parle, "),
    ],
    "farewells": [
        ("esposa*, ", "esposa*, padres, genitori, eltern, rodzic*, "),
        ("батьк*, тат*, ", "батьк*, тато, тата, татом, татові, татусь*, татк*, "),
        ("сын*, син*, ", "сын*, син, сина, сину, сином, сини, синів, синок, синоч*, "),
    ],
}


def corrected(slug):
    terms = SHIPPED[slug]["sentence_terms"]
    for old, new in CHANGES[slug]:
        assert terms.count(old) == 1, (slug, old)
        terms = terms.replace(old, new)
    return {**SHIPPED[slug], "sentence_terms": terms}


RULES = {slug: corrected(slug) for slug in CHANGES}


def update_rules(apps, schema_editor):
    Event = apps.get_model("articles", "Event")
    for slug, rules in RULES.items():
        event = Event.objects.filter(slug=slug).first()
        if event and all(getattr(event, f) == SHIPPED[slug][f] for f in RULE_FIELDS):
            for name, value in rules.items():
                setattr(event, name, value)
            event.save()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_published_facts_index"),
    ]

    operations = [
        migrations.RunPython(update_rules, migrations.RunPython.noop),
    ]
