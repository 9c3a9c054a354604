"""The two events' rules, generalized: each term group names its idea in the ways coverage
words it (inflected forms, synonyms, the languages the coverage is written in) instead of
the phrases of the articles the rules were tuned on. Updates an event only where its rules
are still the ones 0006 shipped, so an editor's own rules are kept."""

from importlib import import_module

from django.db import migrations

SHIPPED = import_module("articles.migrations.0006_multilingual_rules").RULES

VIDEO_TERMS = ", ".join(
    [
        "video*, videoclip*, footage, clip*, film*, recording*, recorded, tiktok*, viral*, "
        "watch, youtube*, telegram, twitter, tweet*, instagram, social media, social network*",
        "grabacion*, gravacao, registrazion*, immagini, nagran*, aufnahme*, redes sociales, "
        "reseaux sociaux, sozialen netzwerk*, sozialen medien",
        "видео*, відео*, ролик*, запис*, кадр*, соцсет*, соцмереж*",
    ]
)
# Tuned on the tuning part of tests/placement_corpus; each group is one idea.
RULES = {
    "farewells": {
        "sentence_terms": "\n".join(
            [
                # saying goodbye
                "goodbye*, good bye*, farewell*, adieu*, parting, last words, last hug*, "
                "send off, sends off, sending off, sent off, see off, sees off, seeing off, "
                "saw off, waves off, waved off, i love you, love you, last message*, "
                "final message*, final words, last video, final video, final embrace, "
                "au revoir, despid*, desped*, adios, addio, commiato, ultimo saluto, "
                "abschied*, verabschied*, zegna*, pozegna*, ti amo, vi amo, te amo, te quiero, "
                "je t'aime, ich liebe dich, saluta, salutato, salutare, прощ*, попрощ*, провожа*, "
                "проводжа*, люблю",
                # the one leaving for the war
                "soldier*, father*, dad, dads, daddy, fighter*, serviceman, servicemen, troop*, "
                "volunteer*, defender*, husband*, man, men, reservist*, conscript*, "
                "soldat*, soldad*, militar*, veteran*, zolnierz*, padre, papa, papi, papai, pai, "
                "pere, vater*, familienvater, ehemann, marito, marido, mari, ojciec, tata, "
                "солдат*, военн*, военнослужащ*, боец, бойц*, боєць, бійц*, військов*, "
                "захисник*, защитник*, отец, отц*, папа, батьк*, тат*, чоловік*, муж, мужчин*",
                # the family he leaves
                "family, families, daughter*, son, sons, wife, wives, child, children, kid, kids, "
                "girl, girls, boy, boys, baby, babies, toddler*, parent*, mother, mom, mum, "
                "mothers, moms, mums, loved one*, girlfriend*, partner*, famil*, hija*, hijo*, "
                "nina, nino, esposa*, "
                "filha*, filho*, figli*, figlia*, bambin*, moglie, compagn*, fille*, fils, "
                "enfant*, femme, tochter, sohn, kinder, frau, ehefrau, corka, corke, "
                "corki, syn, syna, rodzin*, madre, mamma, mama, mae, maman, mere, mutter, "
                "matka, дочь, дочк*, доч*, донь*, сын*, син*, мам*, мати, матір*, семь*, "
                "сім'*, родин*, родител*, жен*, дружин*, дит*, діт*, дет*",
            ]
        ),
        "lead_terms": VIDEO_TERMS,
        "exclude_terms": (
            "funeral*, burial*, buried, coffin*, casket*, laid to rest, obituar*, memorial*, "
            "cemeter*, похорон*, кладбищ*, кладовищ*, funerale*, funerales, "
            "beerdigung*, pogrzeb*, "
            "prisoner*, pow, pows, surrendered, surrenders, captive*, captivity, "
            "плен*, полон*, prigion*, prisionero*, gefangen*"
        ),
        "sentence_window": 1,
    },
    "captured-soldier-calls": {
        "sentence_terms": "\n".join(
            [
                # captured, surrendered
                "captur*, surrender*, prisoner*, pow, pows, caught, detain*, captive*, "
                "captivity, custody, fed, feed*, tea, pastry, pastries, pasty, "
                "prisioner*, prisioneir*, prisonnier*, prigion*, catturat*, cattura, rindi*, "
                "rendid*, "
                "se rinde, arreso, gefangen*, kriegsgefangen*, jeniec, jenc*, niewol*, pojman*, "
                "плен*, военнопленн*, полон*, військовополонен*, сдал*, сдавш*, сдаю*, сдает*, "
                "здав*, здал*, здаю*",
                # a Russian soldier
                "russian*, russia, russo, russi, russa, russe, russie, russland, russisch*, "
                "ruso, rusos, rusa, rusia, rosyjsk*, rosjan*, rosja, rosji, "
                "русск*, росси*, росій*, росіян*, россиян*, рф, "
                "putin*, occupier*, invader*, occupant*, invasor*, окупант*, оккупант*",
                # his mother or parents
                "mother, mom, mum, mama, mommy, mummy, parents, his family, natasha, home, "
                "madre, mamma, mamá, mae, maman, mere, mutter, eltern, matka, matki, matke, "
                "mamo, mamy, mame, мам*, мать, матер*, мати, матір*, родител*, батьк*, "
                "родн*, рідн*, наташ*",
                # calls or talks to her
                "call*, phone*, telephon*, telefon*, facetime, skype, rang, ring*, dial*, chat*, "
                "speak* to, spoke to, speak* with, spoke with, talk* to, talked to, talk* with, "
                "talked with, tells, told, conversation*, contact*, llam*, videollam*, habl*, "
                "comunic*, ligou, ligar, chiam*, videochiam*, parl*, appel*, anruf*, anrief, ruft, "
                "telefoniert*, dzwon*, zadzwon*, rozmaw*, звон*, позвон*, созвон*, дозвон*, "
                "телефон*, дзвон*, подзвон*, зателефон*, разговор*, розмов*, поговор*",
            ]
        ),
        "lead_terms": VIDEO_TERMS,
        "exclude_terms": (
            "intercept*, перехват*, перехоплен*, "
            # a soldier freed in an exchange, calling home from his own side
            "prisoner exchange*, prisoner swap*, exchanged, swapped, freed, released from, "
            "was released, been released, were released, liberated, returned from captivity, "
            "освобожд*, вернули из плена, вернувш* из плена, звільнен*, повернув* з полону, "
            "повернул* з полону, scambio di prigionieri, intercambio de prisioneros, "
            "gefangenenaustausch*"
        ),
        "sentence_window": 2,
    },
}
RULE_FIELDS = ("sentence_terms", "lead_terms", "exclude_terms", "sentence_window")


def update_rules(apps, schema_editor):
    """Update each event's rules, unless an editor has changed them since 0006 shipped them."""
    Event = apps.get_model("articles", "Event")
    for slug, rules in RULES.items():
        event = Event.objects.filter(slug=slug).first()
        untouched = event and all(getattr(event, f) == SHIPPED[slug][f] for f in RULE_FIELDS)
        if untouched:
            for name, value in rules.items():
                setattr(event, name, value)
            event.save()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_desk_labels"),
    ]

    operations = [
        migrations.RunPython(update_rules, migrations.RunPython.noop),
    ]
