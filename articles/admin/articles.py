"""Articles: the list, the review queue, the change form and its inlines."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import history, services
from ..blocks import numbered
from ..models import Annotation, Article, Citation, Event, Placement, full_text_match
from ..suggestions import suggest_event
from .actions import ArticleActions
from .base import HEAVY_FIELDS, EditorsAdmin, is_changelist, is_whole_number

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
    "language_source",
    "editor_fields",
    "import_warnings",
    "created_at",
    "updated_at",
]


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    autocomplete_fields = ["event"]
    readonly_fields = ["source"]
    verbose_name = _("event")
    verbose_name_plural = _("events (an editor's choice always wins over the rules)")


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
    verbose_name_plural = _("sources cited (tick “not a source” to overrule the importer)")


class EventActionForm(ActionForm):
    event = forms.ModelChoiceField(
        Event.objects.all(), required=False, label=_("Event (for adding, removing, moving)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.prefix:  # an article's own page (prefixed): its actions take no event
            del self.fields["event"]


class ReviewFilter(admin.SimpleListFilter):
    title = pgettext_lazy("articles waiting for an editor", "review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("any", _("Needs review (all of the below)")),
            ("unplaced", _("Placed by no event rule")),
            ("lost-notes", _("Notes lost their passage")),
            ("warnings", _("Import warnings")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "any":
                return queryset.needing_review()
            case "unplaced" | "lost-notes" | "warnings" as reason:
                return queryset.needing_review(reason)
        return queryset


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ARTICLE_FIELDS

    def clean_slug(self):
        slug = slugify(self.cleaned_data["slug"])
        if not slug:
            raise forms.ValidationError(_("A slug needs at least one letter or digit."))
        if self.instance.pk and services.slug_is_taken(slug, self.instance):
            raise forms.ValidationError(_("Another article has (or had) this slug."))
        return slug


def suggestion_html(article, events, with_similar=True):
    """The suggested event for an unplaced article, its evidence, and a button to accept it.

    Similar articles cost a query each, so the review queue leaves them to the article's page.
    """
    if article.status != Article.Status.NEEDS_REVIEW or article.events.all():
        return "—"
    suggestion = suggest_event(article, events, with_similar)
    if suggestion is None:
        if with_similar:
            return gettext("None: no event's terms or similar articles come near.")
        return gettext("None: no event's terms come near.")
    similar = gettext("similar:")
    return format_html(
        '<button type="submit" class="button" formaction="{}" formmethod="post" '
        'name="event" value="{}">{}</button><ul class="rr-evidence">{}{}</ul>',
        reverse("admin:articles_article_place", args=[article.pk]),
        suggestion.event.pk,
        gettext("Place in %(event)s") % {"event": suggestion.event.name},
        format_html_join("", "<li>{}</li>", ((reason,) for reason in suggestion.reasons)),
        format_html_join(
            "",
            '<li>{} <a href="{}">{}</a></li>',
            (
                (similar, reverse("admin:articles_article_change", args=[other.pk]), other.headline)
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
    search_help_text = _(
        "Full-text search of headline and body (websearch syntax), or a file name."
    )
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
        (
            _("Reading text"),
            {"fields": ["description", "standfirst", "paragraphs", "word_count"]},
        ),
        (_("Provenance"), {"fields": PROVENANCE_FIELDS, "classes": ["collapse"]}),
        (_("Cleaning"), {"fields": ["cleaning", "raw_text"], "classes": ["collapse"]}),
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
        articles = articles.prefetch_related("events").annotate(notes_count=Count("annotations"))
        # A GROUP BY drops the model's default order; autocomplete pages need one.
        return articles.order_by(*self.model._meta.ordering)

    def get_search_results(self, request, queryset, search_term):
        """Full-text search (the stored, GIN-indexed vector), or part of a headline or file
        name, so that autocomplete finds an article from its first letters."""
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = (
            full_text_match(term) | Q(headline__icontains=term) | Q(source_name__icontains=term)
        )
        return queryset.filter(matches), False

    def related_history_rows(self, article):
        placements = Placement.history.filter(article_id=article.pk)
        notes = Annotation.history.filter(article_id=article.pk)
        return [
            *history.placement_rows(placements.select_related("event", "history_user")),
            *history.note_rows(Annotation, notes.select_related("history_user")),
        ]

    @admin.display(description=_("events"))
    def event_names(self, article):
        return ", ".join(event.name for event in article.events.all()) or "—"

    @admin.display(description=_("notes"), ordering="notes_count")
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

        @admin.display(description=_("suggested event"))
        def suggestion(article):
            if not events:
                events.extend(Event.objects.all())  # once per page, not per row
            return suggestion_html(article, events, with_similar=False)

        return [*self.list_display, suggestion]

    @admin.display(description=_("suggested event"))
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
        event = Event.objects.filter(pk=chosen).first() if is_whole_number(chosen) else None
        if event is None:
            message = gettext("Choose an event to place the article in.")
            self.message_user(request, message, messages.ERROR)
        else:
            services.place_in_event(article, event)
            message = gettext("Placed “%(headline)s” in %(event)s.")
            self.message_user(request, message % {"headline": article.headline, "event": event})
        return redirect(reverse("admin:articles_article_changelist") + "?review=any")

    @admin.display(description=_("public page"))
    def public(self, article):
        if article.status != Article.Status.PUBLISHED:
            return gettext("Not public (status is not published).")
        url = article.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description=_("paragraphs (pick one to annotate)"))
    def paragraphs(self, article):
        add_note = reverse("admin:articles_annotation_add")
        annotate = gettext("Annotate")
        return format_html(
            '<ol class="rr-paragraphs">{}</ol>',
            format_html_join(
                "",
                '<li value="{}"><span class="rr-kind">{}</span> {} <a href="{}?{}">{}</a></li>',
                (
                    (
                        number,
                        block["kind"],
                        block["text"],
                        add_note,
                        urlencode({"article": article.pk, "paragraph": number}),
                        annotate,
                    )
                    for number, block in numbered(article.blocks)
                ),
            ),
        )

    @admin.display(description=_("what cleaning changed"))
    def cleaning(self, article):
        if not article.cleaning_report:
            return gettext("Nothing.")
        headings = (
            pgettext("a cleaning rule", "rule"),
            pgettext("what a cleaning rule did", "action"),
            pgettext("why a cleaning rule acted", "why"),
            pgettext("the text a cleaning rule changed", "text"),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            *headings,
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
