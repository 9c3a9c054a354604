from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import blocks, search_configs
from .search_input import normalise
from .slug_urls import slug_url


def full_text_match(text):
    """The condition of a full-text match (websearch syntax, input normalised to bounded
    cost): each article by the forms of its own language's words."""
    return search_configs.matches(normalise(text).text)


# Related coverage is chosen among this many of an event's most recently placed articles.
RELATED_CANDIDATES = 200
# What a reader of an article sees of it; its status, events and import bookkeeping aside.
READER_VISIBLE_FIELDS = (
    "headline",
    "standfirst",
    "blocks",
    "outlet",
    "byline",
    "published_on",
    "source_url",
    "language",
)


class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


# The help of each field holding a text in another interface language (name_uk, body_ru …).
FALLS_BACK_TO_ENGLISH = _(
    "Empty: the pages in this language show the English text, marked as English."
)
FALLS_BACK_TO_ENGLISH_MARKDOWN = _(
    "Markdown. Empty: the pages in this language show the English text, marked as English."
)


class Event(models.Model):
    """A viral video and its coverage; its rules decide which imported articles belong."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    name_uk = models.CharField(
        _("name in Ukrainian"),
        max_length=200,
        blank=True,
        default="",
        help_text=FALLS_BACK_TO_ENGLISH,
    )
    name_ru = models.CharField(
        _("name in Russian"),
        max_length=200,
        blank=True,
        default="",
        help_text=FALLS_BACK_TO_ENGLISH,
    )
    summary_uk = models.TextField(
        _("summary in Ukrainian"), blank=True, default="", help_text=FALLS_BACK_TO_ENGLISH
    )
    summary_ru = models.TextField(
        _("summary in Russian"), blank=True, default="", help_text=FALLS_BACK_TO_ENGLISH
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    sentence_terms = models.TextField(
        _("terms in one sentence"),
        blank=True,
        help_text=_(
            "Comma-separated alternatives; a phrase is several words; a word ending in * "
            "matches any word it begins. One group per line: every line must match. All groups "
            "must match within a single sentence of the lead."
        ),
    )
    lead_terms = models.TextField(
        _("terms anywhere in the lead"),
        blank=True,
        help_text=_(
            "Comma-separated alternatives; a phrase is several words; a word ending in * "
            "matches any word it begins. One group per line: every line must match. Each group "
            "must match somewhere in the lead."
        ),
    )
    exclude_terms = models.TextField(
        _("excluding terms"),
        blank=True,
        help_text=_("Comma-separated alternatives; any of them in the lead keeps an article out."),
    )
    lead_paragraphs = models.PositiveSmallIntegerField(
        _("lead paragraphs"),
        default=3,
        help_text=_("The lead is the headline, the standfirst and this many paragraphs."),
    )
    sentence_window = models.PositiveSmallIntegerField(
        _("sentence window"),
        default=1,
        help_text=_(
            "How many consecutive sentences of the lead the 'terms in one sentence' may "
            "span (1: a single sentence)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:event", self.slug)


class Clip(models.Model):
    """A video an event is about, as first posted and reposted; curated by editors."""

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Not verified")
        PARTLY = "partly", _("Partly verified")
        VERIFIED = "verified", _("Verified")
        DISPUTED = "disputed", _("Disputed")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="clips"
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it shows"))
    description_uk = models.TextField(
        _("what it shows in Ukrainian"), blank=True, default="", help_text=FALLS_BACK_TO_ENGLISH
    )
    description_ru = models.TextField(
        _("what it shows in Russian"), blank=True, default="", help_text=FALLS_BACK_TO_ENGLISH
    )
    duration_seconds = models.PositiveIntegerField(_("duration seconds"), null=True, blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        help_text=_("Language codes, comma-separated: uk, ru."),
    )
    archive_url = models.URLField(_("archived copy"), max_length=2000, blank=True)
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification, default=Verification.UNVERIFIED
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who last set the verification status."),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clip")
        verbose_name_plural = _("clips")
        ordering = ["event", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#clip-{self.slug}"

    @property
    def language_codes(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class Posting(models.Model):
    """Where a clip was posted: the first known posting is the earliest, then reposts."""

    clip = models.ForeignKey(
        Clip, verbose_name=_("clip"), on_delete=models.CASCADE, related_name="postings"
    )
    platform = models.CharField(
        _("platform"), max_length=50, help_text=_("Telegram, Twitter, TikTok, Reddit …")
    )
    account = models.CharField(
        _("account"), max_length=200, blank=True, help_text=_("Who posted it.")
    )
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=2000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = [F("posted_on").asc(nulls_last=True), "pk"]

    def __str__(self):
        return f"{self.platform} {self.account}".strip()


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED)

    def in_event(self, event):
        return self.filter(events=event)

    def sharing_an_event_with(self, article, latest=RELATED_CANDIDATES):
        """Other articles among the `latest` placed in any of the article's events (its events
        prefetched or not). Bounded so that an event of a million articles costs the same as
        one of ten: an index walk over the event's newest placements, then a small sort."""
        event_ids = [event.pk for event in article.events.all()]
        newest = (
            Placement.objects.filter(event__in=event_ids)
            .exclude(article=article.pk)
            .order_by("-pk")
            .values("article_id")[:latest]
        )
        return self.filter(pk__in=newest)

    def matching(self, text):
        return self.filter(full_text_match(text))

    def count_up_to(self, limit):
        """How many rows there are, counted no further than one past `limit`."""
        return self.order_by()[: limit + 1].count()

    def ranked(self, text):
        """Annotated with the rank of a full-text match, for ordering by relevance."""
        query = search_configs.query_for_each_article(normalise(text).text)
        return self.annotate(rank=SearchRank(F("search_vector"), query))

    def needing_review(self, reason=None):
        """Articles waiting for an editor's decision: unplaced, with import warnings or with
        notes that lost their passage; or only those for one `reason` (REVIEW_REASONS)."""
        lost = Annotation.objects.filter(article=OuterRef("pk"), anchor_lost=True)
        reasons = {
            "unplaced": models.Q(status=Article.Status.NEEDS_REVIEW),
            "lost-notes": models.Q(Exists(lost)),
            "warnings": ~models.Q(import_warnings=[]),
        }
        if reason is not None:
            return self.filter(reasons[reason])
        return self.filter(reasons["unplaced"] | reasons["warnings"] | reasons["lost-notes"])

    def with_public_notes(self, present=True):
        notes = Annotation.objects.public().filter(article=OuterRef("pk"))
        return self.filter(Exists(notes) if present else ~Exists(notes))

    def with_public_note_counts(self):
        """Annotated with `public_note_count`. For a page of rows, not a count: PostgreSQL
        counts the notes only of the rows a LIMIT keeps."""
        notes = (
            Annotation.objects.public()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        count = Coalesce(models.Subquery(notes), 0, output_field=models.IntegerField())
        return self.annotate(public_note_count=count)

    def without_long_texts(self):
        return self.defer("raw_text", "body", "cleaning_report", "search_vector")

    def for_listing(self):
        """What a list row shows, in a fixed number of queries; the long texts stay behind."""
        return (
            self.select_related("outlet")
            .prefetch_related("events")
            .without_long_texts()
            .defer("blocks")
        )

    def with_event_names(self):
        """Event names as an array column, in the events' order: one query."""
        names = Placement.objects.filter(article=OuterRef("pk")).order_by("event__order")
        return self.annotate(event_names=ArraySubquery(names.values("event__name")))

    def with_content_changed_at(self):
        """`content_changed_at`: the time of the newest history record whose reader-visible
        fields differ from the record before it (the first record counts as a change)."""
        history = self.model.history.model._meta
        columns = ", ".join(history.get_field(name).column for name in READER_VISIBLE_FIELDS)
        sql = (
            f"SELECT max(history_date) FROM (SELECT history_date, ROW({columns}) IS DISTINCT "
            f"FROM lag(ROW({columns})) OVER (ORDER BY history_date, history_id) AS changed "
            f"FROM {history.db_table} WHERE id = {self.model._meta.db_table}.id) AS versions "
            "WHERE changed"
        )
        return self.annotate(content_changed_at=RawSQL(sql, ()))

    def with_event_slugs(self):
        """Event slugs as an array column: one query, unaffected by an event filter's join."""
        slugs = Placement.objects.filter(article=OuterRef("pk")).order_by("event__order")
        return self.annotate(event_slugs=ArraySubquery(slugs.values("event__slug")))


class Article(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("article status", "Published")
        HIDDEN = "hidden", pgettext_lazy("article status", "Hidden")
        NEEDS_REVIEW = "needs_review", pgettext_lazy("article status", "Needs review")

    class ValueSource(models.TextChoices):
        """Where a metadata value came from."""

        HEADER = "header", _("From the import file's header")
        TEXT = "text", _("Inferred from the text")
        EDITOR = "editor", _("Set by an editor")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    headline = models.CharField(_("headline"), max_length=500)
    standfirst = models.TextField(_("standfirst"), blank=True)
    description = models.TextField(
        _("share description"),
        blank=True,
        max_length=300,
        help_text=_(
            "What link previews and search engines show. Empty: the standfirst, else the "
            "opening sentences. Imports never change it."
        ),
    )
    blocks = models.JSONField(
        _("blocks"),
        default=list,
        help_text=_("The reading text: paragraphs, captions, credits, quotes."),
    )
    body = models.TextField(
        _("body"), help_text=_("The reading text as plain paragraphs, for search.")
    )
    raw_text = models.TextField(_("raw text"), help_text=_("The imported file, verbatim."))
    source_name = models.CharField(_("source name"), max_length=255, unique=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    cleaning_report = models.JSONField(_("cleaning report"), default=list, blank=True)
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    outlet_source = models.CharField(
        _("outlet source"), max_length=10, choices=ValueSource, blank=True
    )
    outlet_evidence = models.CharField(_("outlet evidence"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    date_source = models.CharField(_("date source"), max_length=10, choices=ValueSource, blank=True)
    date_evidence = models.CharField(_("date evidence"), max_length=200, blank=True)
    source_url = models.URLField(
        _("original address"),
        max_length=2000,
        blank=True,
        help_text=_("Where the article was published."),
    )
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        help_text=_("A language code such as en, uk or ru."),
    )
    language_source = models.CharField(
        _("language source"), max_length=10, choices=ValueSource, blank=True
    )
    word_count = models.PositiveIntegerField(_("word count"), default=0)
    reading_minutes = models.PositiveSmallIntegerField(_("reading minutes"), default=1)
    events = models.ManyToManyField(
        Event, verbose_name=_("events"), through="Placement", related_name="articles"
    )
    clips = models.ManyToManyField(
        Clip,
        verbose_name=_("clips"),
        blank=True,
        related_name="articles",
        help_text=_("The videos the article covers."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PUBLISHED)
    # "The editor wins": the fields whose editor-set values imports and rules never overwrite.
    LOCKABLE_FIELDS = (
        "headline",
        "outlet",
        "published_on",
        "status",
        "source_url",
        "byline",
        "language",
        "events",
    )
    editor_fields = models.JSONField(
        _("editor fields"),
        default=list,
        blank=True,
        help_text=_("Fields an editor has set; imports never overwrite them."),
    )
    import_warnings = models.JSONField(
        _("import warnings"),
        default=list,
        blank=True,
        help_text=_("What the last import could not settle."),
    )
    # The text-search configuration of the article's language, and its text searchable in it.
    search_config = models.GeneratedField(
        expression=search_configs.config_for_language(),
        output_field=models.CharField(max_length=20),
        db_persist=True,
    )
    search_vector = models.GeneratedField(
        expression=search_configs.vector_for_language(),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()
    # Derived from the text, so left out of its history. Load the rest before a save: the
    # history record would fetch each field left unloaded with a query of its own.
    UNTRACKED_FIELDS = ("search_vector", "search_config", "body")
    history = HistoricalRecords(excluded_fields=list(UNTRACKED_FIELDS))

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = [F("published_on").desc(nulls_last=True), "-created_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            models.Index(
                F("published_on").desc(nulls_last=True),
                F("created_at").desc(),
                condition=models.Q(status="published"),
                name="article_published_newest",
            ),
            models.Index(
                F("created_at").desc(),
                condition=models.Q(status="published"),
                name="article_published_recent",
            ),
            models.Index(
                "headline",
                condition=models.Q(status="published"),
                name="article_published_headline",
            ),
            # What an event's coverage, its month facet and its counts read of each article,
            # from the index alone (a join to the table would read every article's row).
            models.Index(
                fields=["id"],
                include=["outlet", "published_on"],
                condition=models.Q(status="published"),
                name="article_published_facts",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def is_locked(self, name):
        """Whether an editor set this field: imports and rules then leave it alone."""
        return name in self.editor_fields

    def lock(self, *names):
        """Remember that an editor set these fields (of LOCKABLE_FIELDS)."""
        unknown = set(names) - set(self.LOCKABLE_FIELDS)
        if unknown:
            raise ValueError(f"Not fields an editor can lock: {sorted(unknown)}")
        self.editor_fields = sorted(set(self.editor_fields) | set(names))

    def settle_status(self, placed):
        """The status the rules give: published when placed in an event, else waiting for
        review; an editor's status or events stay. Returns whether the status changed."""
        if self.is_locked("status") or self.is_locked("events"):
            return False
        status = self.Status.PUBLISHED if placed else self.Status.NEEDS_REVIEW
        changed, self.status = status != self.status, status
        return changed

    @property
    def summary(self):
        """The standfirst, else the first paragraph: for descriptions and feeds."""
        if self.standfirst:
            return self.standfirst
        return next(iter(blocks.body_paragraphs(self.blocks)), "")


class Placement(models.Model):
    """An article's membership of an event, and who decided it."""

    class Source(models.TextChoices):
        RULE = "rule", _("Event rule")
        EDITOR = "editor", pgettext_lazy("who placed an article", "Editor")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE)
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.RULE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["article", "event"], name="placement_unique"),
        ]
        indexes = [
            models.Index(fields=["event", "-id"], name="placement_event_newest"),
            # With article_published_facts, counts an event's articles from two indexes alone.
            models.Index(fields=["event", "article"], name="placement_event_article"),
        ]

    def __str__(self):
        return gettext("%(article)s in %(event)s") % {"article": self.article, "event": self.event}


class Citation(models.Model):
    """A source an article names for its story, anchored to the paragraph it is named in."""

    class Kind(models.TextChoices):
        POST = "post", _("Embedded post")
        OUTLET = "outlet", _("Outlet or agency")
        PLATFORM = "platform", _("Platform")
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    class Source(models.TextChoices):
        IMPORT = "import", _("Found at import")
        EDITOR = "editor", _("Set by an editor")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="citations"
    )
    paragraph = models.PositiveIntegerField(
        _("paragraph"), help_text=_("Number of the paragraph (#p1 is 1).")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    name = models.CharField(_("name"), max_length=200)
    handle = models.CharField(_("handle"), max_length=100, blank=True)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When the cited post was made.")
    )
    url = models.URLField(_("address"), max_length=2000, blank=True)
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("The words of the article that cite it."),
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source,
        default=Source.EDITOR,
        help_text=_("Re-imports replace what they found, never what an editor set."),
    )
    rejected = models.BooleanField(
        _("not a source"),
        default=False,
        help_text=_("An editor's ruling that this was wrongly found; hidden, and not found again."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["article_id", "paragraph", "pk"]

    def __str__(self):
        return gettext("%(kind)s: %(name)s") % {"kind": self.get_kind_display(), "name": self.name}


class QuoteGroup(models.Model):
    """The wordings, across an event's articles, of one moment of speech in a clip."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="quote_groups"
    )
    label = models.CharField(_("label"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    moment = models.CharField(
        _("moment"),
        max_length=300,
        blank=True,
        help_text=_("e.g. the woman to the mother on the phone"),
    )
    edited = models.BooleanField(
        _("set by an editor"),
        default=False,
        help_text=_("Imports regroup the other quotes, never this group's."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quote group")
        verbose_name_plural = _("quote groups")
        ordering = ["event", "pk"]

    def __str__(self):
        return self.label


class Quote(models.Model):
    """Quoted speech in an article's paragraph, and who says it when the sentence tells."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="quotes"
    )
    paragraph = models.PositiveIntegerField(_("paragraph"))
    text = models.TextField(_("text"))
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    group = models.ForeignKey(
        QuoteGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    verified = models.BooleanField(_("wording verified against the clip"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["article_id", "paragraph", "pk"]

    def __str__(self):
        return f"“{self.text[:60]}”"


class PassageFingerprint(models.Model):
    """A paragraph's fingerprint, for finding the same passage in other articles."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    paragraph = models.PositiveIntegerField()
    value = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"¶{self.paragraph} of article {self.article_id}"


class SharedPassage(models.Model):
    """A paragraph that also appears, identically or nearly, in another article.

    Stored in both directions, each with the other paragraph's text, so an article's page
    shows its shared passages (and their differences) from one query.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="shared_passages")
    paragraph = models.PositiveIntegerField()
    other = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    other_paragraph = models.PositiveIntegerField()
    other_text = models.TextField()
    similarity = models.FloatField()
    republication = models.BooleanField(
        default=False, help_text=_("The two articles are mostly the same text.")
    )

    class Meta:
        ordering = ["paragraph", "other_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "paragraph", "other", "other_paragraph"],
                name="shared_passage_unique",
            )
        ]

    def __str__(self):
        return f"¶{self.paragraph} also in article {self.other_id}, ¶{self.other_paragraph}"


class SlugRedirect(models.Model):
    """An article's former slug; its old links answer 301 to the current one, forever."""

    old_slug = models.SlugField(_("old slug"), max_length=120, unique=True)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("slug redirect")
        verbose_name_plural = _("slug redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


NOTE_LISTING_FIELDS = (
    "article",
    "paragraph",
    "quote",
    "kind",
    "visibility",
    "body",
    "body_uk",
    "body_ru",
    "author",
    "created_at",
    "published_at",
    "revised_at",
)


class AnnotationQuerySet(models.QuerySet):
    def public(self):
        """Notes a reader may see: public, and anchored to a passage that still exists."""
        return self.filter(visibility=Annotation.Visibility.PUBLIC, anchor_lost=False)

    def for_readers(self):
        """Public notes on published articles, newest (or newest updated) first, with what
        a list of notes shows of their article and author."""
        return (
            self.public()
            .filter(article__status=Article.Status.PUBLISHED)
            .select_related("article", "author")
            .only(
                *NOTE_LISTING_FIELDS,
                "article__slug",
                "article__headline",
                "author__first_name",
                "author__last_name",
            )
            .order_by(Coalesce("revised_at", "published_at", "created_at").desc(), "-pk")
        )


class Annotation(models.Model):
    """An editor's note on a passage, anchored by paragraph and quoted text.

    Like the W3C Web Annotation TextQuoteSelector, the anchor keeps the exact quote
    with a little text before and after it, so the passage can be found again when
    the article's text changes.
    """

    class Kind(models.TextChoices):
        CONTEXT = "context", pgettext_lazy("kind of note", "Context")
        CORRECTION = "correction", pgettext_lazy("kind of note", "Correction")
        VERIFICATION = "verification", pgettext_lazy("kind of note", "Verification")
        TRANSLATION = "translation", pgettext_lazy("kind of note", "Translation")

    class Visibility(models.TextChoices):
        PUBLIC = "public", pgettext_lazy("visibility of a note", "Public")
        INTERNAL = "internal", _("Draft: editors only")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="annotations"
    )
    paragraph = models.PositiveIntegerField(
        _("paragraph"), help_text=_("Number of the paragraph (#p1 is 1).")
    )
    quote = models.TextField(
        _("quote"),
        help_text=_(
            "The words the note is about, from that paragraph: select them on the "
            "article's page, or type them (curly or straight quotes, dashes and spacing alike)."
        ),
    )
    original_quote = models.TextField(
        _("original quote"),
        blank=True,
        help_text=_(
            "The passage as the editor chose it: re-imports look for these words, so the "
            "anchor never drifts from them."
        ),
    )
    prefix = models.CharField(_("prefix"), max_length=64, blank=True)
    suffix = models.CharField(_("suffix"), max_length=64, blank=True)
    original_prefix = models.CharField(
        _("original prefix"),
        max_length=64,
        blank=True,
        help_text=_(
            "The text before the passage when the editor chose it: re-imports look for "
            "these surroundings, so a wrong move cannot become the new reference."
        ),
    )
    original_suffix = models.CharField(_("original suffix"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CONTEXT)
    body = models.TextField(
        _("body"), help_text=_("Markdown. Links, emphasis, lists and quotes are kept.")
    )
    body_uk = models.TextField(
        _("body in Ukrainian"), blank=True, default="", help_text=FALLS_BACK_TO_ENGLISH_MARKDOWN
    )
    body_ru = models.TextField(
        _("body in Russian"), blank=True, default="", help_text=FALLS_BACK_TO_ENGLISH_MARKDOWN
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.PUBLIC
    )
    anchor_lost = models.BooleanField(
        _("anchor lost"),
        default=False,
        help_text=_("The passage could not be found after the article changed; shown nowhere."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the note was first made public: readers see it as “added”."),
    )
    revised_at = models.DateTimeField(
        _("revised at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When an editor last changed a public note's words or kind; readers see it as "
            "“updated”. Drafts' edits and re-anchoring after an import do not count."
        ),
    )

    objects = AnnotationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        ordering = ["paragraph", "pk"]

    def __str__(self):
        return gettext("%(kind)s on “%(quote)s”") % {
            "kind": self.get_kind_display(),
            "quote": self.quote[:40],
        }

    def save(self, *args, **kwargs):
        if not self.original_quote:
            self.original_quote = self.quote
            self.original_prefix, self.original_suffix = self.prefix, self.suffix
        dated = []
        if self.visibility == self.Visibility.PUBLIC and self.published_at is None:
            self.published_at = timezone.now()
            dated.append("published_at")
        saved = getattr(self, "saved_state", None)
        was_public = saved and saved[2] == self.Visibility.PUBLIC
        if was_public and None not in saved and saved[:2] != (self.body, self.kind):
            self.revised_at = timezone.now()
            dated.append("revised_at")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *dated}
        super().save(*args, **kwargs)
        self.saved_state = (self.body, self.kind, self.visibility)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#note-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        note = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        note.saved_state = tuple(note.__dict__.get(name) for name in ("body", "kind", "visibility"))
        return note

    @property
    def signed(self):
        """Who readers are told wrote the note: the editor's name, else the editors."""
        name = self.author.get_full_name().strip() if self.author else ""
        return name or gettext("The editors")


class PlacementChange(models.Model):
    """An editor's bulk change of placements, with the articles' state before and after it:
    what an undo puts back, and what it checks that nobody has changed since."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(max_length=300)
    before = models.JSONField()
    after = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.description
