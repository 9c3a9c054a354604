from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import capfirst, slugify
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import history, services
from .admin_actions import ArticleActions
from .blocks import numbered
from .markdown import render_markdown
from .models import (
    Annotation,
    Article,
    Citation,
    Clip,
    Event,
    Outlet,
    Placement,
    Posting,
    Quote,
    QuoteGroup,
    SlugRedirect,
    Tag,
    websearch,
)
from .placement import term_problems
from .reading import mark_passages
from .suggestions import suggest_event

admin.site.site_header = "Reading Room editors' desk"
# The article list needs the width; the index and the breadcrumbs lead everywhere.
admin.site.enable_nav_sidebar = False
admin.site.site_title = "Reading Room editors"
admin.site.index_title = "Curate and annotate"

# What an editor edits on an article's page.
ARTICLE_FIELDS = [
    "headline",
    "slug",
    "status",
    "outlet",
    "published_on",
    "source_url",
    "byline",
    "language",
    "clips",
    "tags",
]
# Where an article came from and what the importer decided: shown, never edited.
PROVENANCE_FIELDS = [
    "source_name",
    "content_hash",
    "outlet_source",
    "outlet_evidence",
    "date_source",
    "date_evidence",
    "editor_fields",
    "import_warnings",
    "created_at",
    "updated_at",
]
# Long texts a change list never shows.
HEAVY_FIELDS = ("raw_text", "body", "blocks", "cleaning_report", "search_vector")


def is_changelist(request):
    return request.resolver_match is not None and request.resolver_match.url_name.endswith(
        "_changelist"
    )


class EditorsAdmin(SimpleHistoryAdmin):
    """History for every change; query-string prefills that are not ids are ignored.

    The admin prefills an add form from the query string (the "Annotate" links rely on
    it); a relation or number given as anything but digits would otherwise be a 500.
    """

    object_history_template = "admin/history_in_words.html"
    history_per_page = 100

    def history_view(self, request, object_id, extra_context=None):
        """The object's history in words (see articles.history), newest first."""
        if not hasattr(self.model, "history"):  # not tracked: the admin's own log
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        pk = unquote(object_id)
        if not pk.isdigit():
            raise Http404("No such object.")
        records = self.model.history.filter(id=pk).select_related("history_user")
        obj = self.model._default_manager.filter(pk=pk).first()
        if obj is None:
            latest = records.order_by("-history_date").first()
            if latest is None:
                raise Http404("No such object, and no history of one.")
            obj = latest.instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        version = f"admin:{opts.app_label}_{opts.model_name}_simple_history"
        rows = history.rows_of(
            self.model, records, lambda r: reverse(version, args=[obj.pk, r.history_id])
        )
        rows = history.merged([*rows, *self.related_history_rows(obj)])
        page = Paginator(rows, self.history_per_page).get_page(request.GET.get(PAGE_VAR))
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "object": obj,
            "opts": opts,
            "module_name": capfirst(opts.verbose_name_plural),
            "page_obj": page,
            "page_var": PAGE_VAR,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def related_history_rows(self, obj):
        """Rows from other models' histories that belong on this object's."""
        return []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        numeric = {
            f.name
            for f in self.model._meta.get_fields()
            if f.is_relation or isinstance(f, models.IntegerField)
        }
        for name in numeric & initial.keys():
            values = str(initial[name]).split(",")
            if not all(value.isdigit() for value in values):
                del initial[name]
        return initial


@admin.register(Outlet)
class OutletAdmin(EditorsAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(EditorsAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    autocomplete_fields = ["event"]
    readonly_fields = ["source"]
    verbose_name = "event"
    verbose_name_plural = "events (an editor's choice always wins over the rules)"


class AnnotationInline(admin.TabularInline):
    model = Annotation
    extra = 0
    fields = ["paragraph", "quote", "kind", "visibility", "anchor_lost"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = [
        "paragraph",
        "kind",
        "name",
        "handle",
        "date",
        "url",
        "evidence",
        "rejected",
        "source",
    ]
    readonly_fields = ["evidence", "source"]
    verbose_name_plural = "sources cited (tick “not a source” to overrule the importer)"


class EventActionForm(ActionForm):
    event = forms.ModelChoiceField(
        Event.objects.all(), required=False, label="Event (for adding, removing, moving)"
    )


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("any", "Needs review (all of the below)"),
            ("unplaced", "Placed by no event rule"),
            ("lost-notes", "Notes lost their passage"),
            ("warnings", "Import warnings"),
        ]

    def queryset(self, request, queryset):
        lost = Annotation.objects.filter(article=OuterRef("pk"), anchor_lost=True)
        match self.value():
            case "any":
                return queryset.needing_review()
            case "unplaced":
                return queryset.filter(status=Article.Status.NEEDS_REVIEW)
            case "lost-notes":
                return queryset.filter(Exists(lost))
            case "warnings":
                return queryset.exclude(import_warnings=[])
        return queryset


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ARTICLE_FIELDS

    def clean_slug(self):
        slug = slugify(self.cleaned_data["slug"])
        if not slug:
            raise forms.ValidationError("A slug needs at least one letter or digit.")
        if self.instance.pk and services.slug_is_taken(slug, self.instance):
            raise forms.ValidationError("Another article has (or had) this slug.")
        return slug


def suggestion_html(article, events, with_similar=True):
    """The suggested event for an unplaced article, its evidence, and a button to accept it.

    Similar articles cost a query each, so the review queue leaves them to the article's page.
    """
    if article.status != Article.Status.NEEDS_REVIEW or article.events.all():
        return "—"
    suggestion = suggest_event(article, events, with_similar)
    if suggestion is None:
        near = "terms or similar articles" if with_similar else "terms"
        return f"None: no event's {near} come near."
    return format_html(
        '<button type="submit" class="button" formaction="{}" formmethod="post" '
        'name="event" value="{}">Place in {}</button><ul class="rr-evidence">{}{}</ul>',
        reverse("admin:articles_article_place", args=[article.pk]),
        suggestion.event.pk,
        suggestion.event.name,
        format_html_join("", "<li>{}</li>", ((reason,) for reason in suggestion.reasons)),
        format_html_join(
            "",
            '<li>similar: <a href="{}">{}</a></li>',
            (
                (reverse("admin:articles_article_change", args=[other.pk]), other.headline)
                for other in suggestion.similar[:3]
            ),
        ),
    )


@admin.register(Article)
class ArticleAdmin(ArticleActions, EditorsAdmin):
    form = ArticleForm
    action_form = EventActionForm
    list_display = ["headline", "event_names", "outlet", "published_on", "status", "notes"]
    list_filter = [ReviewFilter, "status", "events", "outlet"]
    list_select_related = ["outlet"]
    list_per_page = 50
    show_full_result_count = False
    search_fields = ["headline", "source_name"]
    search_help_text = "Full-text search of headline and body (websearch syntax), or a file name."
    autocomplete_fields = ["outlet", "clips", "tags"]
    inlines = [PlacementInline, CitationInline, AnnotationInline]
    actions = [
        "add_to_event",
        "remove_from_event",
        "move_to_event",
        "publish",
        "hide",
        "clear_warnings",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["suggestion", *ARTICLE_FIELDS, "public"]},
        ),
        ("Reading text", {"fields": ["description", "standfirst", "paragraphs", "word_count"]}),
        ("Provenance", {"fields": PROVENANCE_FIELDS}),
        ("Cleaning", {"fields": ["cleaning", "raw_text"], "classes": ["collapse"]}),
    ]
    readonly_fields = [
        "suggestion",
        "public",
        "standfirst",
        "paragraphs",
        "word_count",
        *PROVENANCE_FIELDS,
        "cleaning",
        "raw_text",
    ]

    def has_add_permission(self, request):
        """Articles come from imports, which keep their raw text and provenance."""
        return False

    def get_fieldsets(self, request, obj=None):
        """The suggested event only where one is wanted: an article no rule placed."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Article.Status.NEEDS_REVIEW:
            return fieldsets
        (name, options), *rest = fieldsets
        fields = [field for field in options["fields"] if field != "suggestion"]
        return [(name, {**options, "fields": fields}), *rest]

    def get_queryset(self, request):
        articles = super().get_queryset(request)
        if is_changelist(request):
            reviewing = request.GET.get(ReviewFilter.parameter_name)
            # The review queue's suggestions read each lead.
            articles = articles.defer(*(f for f in HEAVY_FIELDS if not reviewing or f != "blocks"))
        return articles.prefetch_related("events").annotate(notes_count=Count("annotations"))

    def get_search_results(self, request, queryset, search_term):
        """Full-text search (the stored, GIN-indexed vector), or part of a headline or file
        name, so that autocomplete finds an article from its first letters."""
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = (
            Q(search_vector=websearch(term))
            | Q(headline__icontains=term)
            | Q(source_name__icontains=term)
        )
        return queryset.filter(matches), False

    def related_history_rows(self, article):
        placements = Placement.history.filter(article_id=article.pk)
        notes = Annotation.history.filter(article_id=article.pk)
        return [
            *history.placement_rows(placements.select_related("event", "history_user")),
            *history.note_rows(Annotation, notes.select_related("history_user")),
        ]

    @admin.display(description="events")
    def event_names(self, article):
        return ", ".join(event.name for event in article.events.all()) or "—"

    @admin.display(description="notes", ordering="notes_count")
    def notes(self, article):
        return article.notes_count

    def get_urls(self):
        accept = self.admin_site.admin_view(self.accept_suggestion)
        return [
            path("<int:pk>/place/", accept, name="articles_article_place"),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        """The review queue adds each unplaced article's suggested event."""
        if not request.GET.get(ReviewFilter.parameter_name):
            return self.list_display
        events = []

        @admin.display(description="suggested event")
        def suggestion(article):
            if not events:
                events.extend(Event.objects.all())  # once per page, not per row
            return suggestion_html(article, events, with_similar=False)

        return [*self.list_display, suggestion]

    @admin.display(description="suggested event")
    def suggestion(self, article):
        return suggestion_html(article, list(Event.objects.all()))

    def accept_suggestion(self, request, pk):
        """One click from the review queue: place the article in the event it suggests."""
        article = self.get_object(request, str(pk))
        if article is None:
            raise Http404("No such article.")
        if request.method != "POST" or not self.has_change_permission(request, article):
            raise PermissionDenied
        chosen = request.POST.get("event", "")
        event = Event.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        if event is None:
            self.message_user(request, "Choose an event to place the article in.", messages.ERROR)
        else:
            services.place_in_event(article, event)
            self.message_user(request, f"Placed “{article.headline}” in {event}.")
        return redirect(reverse("admin:articles_article_changelist") + "?review=any")

    @admin.display(description="public page")
    def public(self, article):
        if article.status != Article.Status.PUBLISHED:
            return "Not public (status is not published)."
        url = article.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description="paragraphs (pick one to annotate)")
    def paragraphs(self, article):
        add_note = reverse("admin:articles_annotation_add")
        return format_html(
            '<ol class="rr-paragraphs">{}</ol>',
            format_html_join(
                "",
                '<li value="{}"><span class="rr-kind">{}</span> {} '
                '<a href="{}?{}">Annotate</a></li>',
                (
                    (
                        number,
                        block["kind"],
                        block["text"],
                        add_note,
                        urlencode({"article": article.pk, "paragraph": number}),
                    )
                    for number, block in numbered(article.blocks)
                ),
            ),
        )

    @admin.display(description="what cleaning changed")
    def cleaning(self, article):
        if not article.cleaning_report:
            return "Nothing."
        return format_html(
            "<table><thead><tr><th>rule</th><th>action</th><th>why</th><th>text</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                ((c["rule"], c["action"], c["reason"], c["text"]) for c in article.cleaning_report),
            ),
        )

    def save_model(self, request, obj, form, change):
        services.record_editor_edit(obj, form.changed_data)
        new_slug = obj.slug
        if change and "slug" in form.changed_data:
            obj.slug = form.initial["slug"]
        super().save_model(request, obj, form, change)
        if obj.slug != new_slug:
            services.rename_slug(obj, new_slug)

    def save_formset(self, request, form, formset, change):
        if formset.model is Citation:
            for citation in formset.save(commit=False):
                citation.source = Citation.Source.EDITOR  # an editor's ruling: imports keep it
                citation.save()
            for citation in formset.deleted_objects:
                citation.delete()
            return None
        if formset.model is not Placement or not formset.has_changed():
            return super().save_formset(request, form, formset, change)
        for placement in formset.save(commit=False):
            placement.source = Placement.Source.EDITOR
            placement.save()
        for placement in formset.deleted_objects:
            placement.delete()
        services.placed_by_editor(form.instance)
        return None


RULE_FIELDS = ("sentence_terms", "lead_terms", "exclude_terms")


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "name",
            "slug",
            "order",
            "summary",
            *RULE_FIELDS,
            "lead_paragraphs",
            "sentence_window",
        ]
        widgets = {name: forms.Textarea(attrs={"cols": 100}) for name in RULE_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RULE_FIELDS:
            # Every line of terms in view, and one to grow into.
            text = self[name].value() or ""
            self.fields[name].widget.attrs["rows"] = max(3, len(text.splitlines()) + 1)

    def clean(self):
        data = super().clean()
        for name in RULE_FIELDS:
            for problem in term_problems(data.get(name) or ""):
                self.add_error(name, problem)
        return data


@admin.register(Event)
class EventAdmin(EditorsAdmin):
    form = EventForm
    change_form_template = "admin/articles/event/change_form.html"
    list_display = ["name", "slug", "order", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["reapply_rules"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(placed=Count("placement"))

    @admin.display(description="articles", ordering="placed")
    def article_count(self, event):
        return event.placed

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name="articles_event_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """Which articles the rules in the (unsaved) form would place."""
        event_id = request.POST.get("event_id", "")
        instance = Event.objects.filter(pk=event_id).first() if event_id.isdigit() else None
        if not self.has_change_permission(request, instance):
            raise PermissionDenied
        form = EventForm(request.POST or None, instance=instance)
        name = instance.name if instance else "a new event"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "event": instance,
            "title": f"Preview of the placement rules of {name}",
        }
        if request.method == "POST" and form.is_valid():
            context["preview"] = services.preview_rules(form.save(commit=False))
        return render(request, "admin/articles/event/preview.html", context)

    @admin.action(
        description="Re-apply rules to articles no editor has placed", permissions=["change"]
    )
    def reapply_rules(self, request, queryset):
        placed, removed = services.reapply_rules(list(queryset))
        added = ngettext("%d placement added", "%d placements added", placed) % placed
        self.message_user(request, f"{added}, {removed} removed.")


class AnnotationForm(forms.ModelForm):
    """A note on a passage. The prefix and suffix ride along hidden: a passage selected on the
    article page brings its context, which tells apart two copies of the same words."""

    prefix = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    suffix = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    class Meta:
        model = Annotation
        fields = ["article", "paragraph", "quote", "prefix", "suffix", "kind", "visibility", "body"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # What the paragraph's text shows while the note is being written.
            article, paragraph = self.initial.get("article"), self.initial.get("paragraph")
            if str(article or "").isdigit() and str(paragraph or "").isdigit():
                self.instance.article_id, self.instance.paragraph = int(article), int(paragraph)

    def clean(self):
        data = super().clean()
        article, paragraph, quote = (data.get(k) for k in ("article", "paragraph", "quote"))
        if article and paragraph and quote:
            try:
                self.anchor = services.anchor_for(
                    article, paragraph, quote, data.get("prefix", ""), data.get("suffix", "")
                )
            except services.PassageNotFound as error:
                self.add_error("quote", str(error))
        return data


@admin.register(Annotation)
class AnnotationAdmin(EditorsAdmin):
    form = AnnotationForm
    list_display = ["passage", "article", "kind", "visibility", "anchor_lost", "author", "updated"]
    list_filter = ["anchor_lost", "visibility", "kind"]
    show_full_result_count = False
    search_fields = ["quote", "body", "article__headline"]
    autocomplete_fields = ["article"]
    readonly_fields = ["paragraph_text", "rendered", "anchor_lost"]
    change_form_template = "admin/articles/annotation/change_form.html"

    def get_fields(self, request, obj=None):
        fields = ["article", "paragraph", "paragraph_text", "quote", "prefix", "suffix"]
        fields += ["kind", "visibility", "body"]
        if obj is not None:
            fields.append("rendered")
            if obj.anchor_lost:
                fields.insert(0, "anchor_lost")
        return fields

    def get_changeform_initial_data(self, request):
        """New notes start as drafts; a passage selected on the article page fills in the
        article, paragraph, quote and its context."""
        initial = super().get_changeform_initial_data(request)
        return {"visibility": Annotation.Visibility.INTERNAL, **initial}

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name="articles_annotation_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """The note as readers would see it beside its passage, without saving it."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        form = AnnotationForm(request.POST or None)
        context = {"form": form, "title": "Preview of the note"}
        if request.method == "POST" and form.is_valid():
            note, anchor = form.save(commit=False), form.anchor
            note.pk, note.number = 0, 1
            note.quote, note.prefix, note.suffix = anchor.quote, anchor.prefix, anchor.suffix
            text = services.block_texts(note.article)[anchor.paragraph - 1]
            context.update(note=note, paragraph=anchor.paragraph, html=mark_passages(text, [note]))
        response = render(request, "admin/articles/annotation/preview.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_queryset(self, request):
        notes = super().get_queryset(request).select_related("article", "author")
        if is_changelist(request):
            notes = notes.defer(*(f"article__{field}" for field in HEAVY_FIELDS))
        return notes

    @admin.display(description="passage")
    def passage(self, note):
        return f"¶{note.paragraph}: “{note.quote[:60]}”"

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, note):
        return note.updated_at

    @admin.display(description="text of that paragraph")
    def paragraph_text(self, note):
        if not note.article_id:
            return "Choose the article and the paragraph, or select words on the article's page."
        texts = services.block_texts(note.article)
        if 1 <= note.paragraph <= len(texts):
            return texts[note.paragraph - 1]
        return "—"

    @admin.display(description="as readers see it")
    def rendered(self, note):
        return render_markdown(note.body) if note.body else "—"

    def save_model(self, request, obj, form, change):
        anchor = form.anchor
        if not change or "quote" in form.changed_data:
            obj.original_quote = anchor.quote
        obj.paragraph, obj.quote = anchor.paragraph, anchor.quote
        obj.prefix, obj.suffix = anchor.prefix, anchor.suffix
        obj.anchor_lost = False
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 1
    fields = ["posted_on", "platform", "account", "url"]


@admin.register(Clip)
class ClipAdmin(EditorsAdmin):
    list_display = ["title", "event", "first_posting", "verification", "verified_by"]
    list_filter = ["event", "verification"]
    list_select_related = ["event", "verified_by"]
    search_fields = ["title", "description", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["verified_by", "verified_at"]
    inlines = [PostingInline]
    fields = [
        "event",
        "title",
        "slug",
        "order",
        "description",
        "duration_seconds",
        "languages",
        "archive_url",
        "verification",
        "verification_note",
        "verified_by",
        "verified_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("postings")

    @admin.display(description="first known posting")
    def first_posting(self, clip):
        first = next(iter(clip.postings.all()), None)
        return f"{first} ({first.posted_on or 'undated'})" if first else "—"

    def save_model(self, request, obj, form, change):
        if {"verification", "verification_note"} & set(form.changed_data):
            obj.verified_by, obj.verified_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ["article", "paragraph", "text", "speaker", "verified", "group"]
    readonly_fields = ["article", "paragraph", "text"]
    can_delete = False
    verbose_name_plural = "wordings (choose another group to move one: a split or a merge)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuoteGroup)
class QuoteGroupAdmin(EditorsAdmin):
    list_display = ["label", "event", "speaker", "moment", "wordings", "edited"]
    list_filter = ["event", "edited"]
    search_fields = ["label", "speaker", "moment", "quotes__text"]
    fields = ["event", "label", "speaker", "moment", "edited"]
    readonly_fields = ["edited"]
    inlines = [QuoteInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(wording_count=Count("quotes"))

    @admin.display(description="wordings", ordering="wording_count")
    def wordings(self, group):
        return group.wording_count

    def save_model(self, request, obj, form, change):
        obj.edited = True  # an editor's group: imports regroup around it
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """A wording moved to another group makes that group an editor's too."""
        changed = formset.save()
        moved_to = {quote.group_id for quote in changed if quote.group_id}
        QuoteGroup.objects.filter(pk__in=moved_to).update(edited=True)

    @admin.action(description="Merge the selected groups into the first", permissions=["change"])
    def merge(self, request, queryset):
        first, *others = queryset.order_by("pk")
        Quote.objects.filter(group__in=others).update(group=first)
        for other in others:
            other.delete()
        first.edited = True
        first.save()
        self.message_user(request, f"Merged {len(others) + 1} groups into “{first}”.")


@admin.register(SlugRedirect)
class SlugRedirectAdmin(EditorsAdmin):
    """Plumbing, kept by renames: out of the editors' menu, at its address for the curious."""

    list_display = ["old_slug", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__headline"]
    autocomplete_fields = ["article"]

    def has_module_permission(self, request):
        return request.user.is_superuser
