from django.db import migrations

VIDEO_TERMS = "video*, footage, clip*, film*, recording*, tiktok*, viral"

EVENTS = [
    {
        "slug": "farewells",
        "name": "Farewells",
        "order": 1,
        "summary": (
            "Soldiers and fathers saying goodbye to their families as the invasion began: "
            "a young soldier's last message to his parents under bombardment, and a father "
            "sending his daughter to safety while he stays behind to fight."
        ),
        "sentence_terms": "\n".join(
            [
                "goodbye*, good bye*, farewell*, adieu, parting, last words, last hug*, "
                "send off, sends off, sending off, sent off, see off, sees off, seeing off, saw off",
                "soldier*, father*, dad, dads, daddy, fighter*, serviceman, servicemen, troop*, "
                "volunteer*, defender*, husband*, man, men, reservist*, conscript*",
                "family, families, daughter*, son, sons, wife, wives, child, children, kid, kids, "
                "girl, girls, boy, boys, baby, babies, parent*, mother, mom, mum, loved one*, "
                "girlfriend*",
            ]
        ),
        "lead_terms": VIDEO_TERMS,
        "exclude_terms": "funeral*, burial*, buried, coffin*, laid to rest, obituar*, memorial*",
    },
    {
        "slug": "captured-soldier-calls",
        "name": "Captured-soldier calls",
        "order": 2,
        "summary": (
            "A captured Russian soldier, given pastry and tea by Ukrainians, breaks down in "
            "tears on a video call to his mother, Natasha; other prisoners' calls home followed."
        ),
        "sentence_terms": "\n".join(
            [
                "captur*, surrender*, prisoner*, pow, pows, caught, detain*, captive*, captivity",
                "russian*",
                "his mother, his mom, his mum, his mama, his mommy, his mummy, his parents, "
                "his family, soldiers mother, natasha",
                "call*, phone*, telephon*, facetime, skype, rang, ring*, speak* to, spoke to, "
                "talk* to, talked to, tells, told",
            ]
        ),
        "lead_terms": VIDEO_TERMS,
        "exclude_terms": "",
    },
]


def create_events(apps, schema_editor):
    Event = apps.get_model("articles", "Event")
    for fields in EVENTS:
        Event.objects.update_or_create(slug=fields["slug"], defaults=fields)


def remove_events(apps, schema_editor):
    Event = apps.get_model("articles", "Event")
    Event.objects.filter(slug__in=[fields["slug"] for fields in EVENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_events, remove_events)]
