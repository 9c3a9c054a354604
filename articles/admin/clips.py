"""Clips and their postings; quote groups, the ledger of who worded what."""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from ..localized import translated_field_names
from ..models import Clip, Posting, Quote, QuoteGroup
from .base import EditorsAdmin


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 1
    fields = ["posted_on", "platform", "account", "url"]


@admin.register(Clip)
class ClipAdmin(EditorsAdmin):
    list_display = ["title", "event", "first_posting", "verification", "verified_by"]
    list_filter = ["event", "verification"]
    list_select_related = ["event", "verified_by"]
    search_fields = ["title", "description", *translated_field_names("description"), "slug"]
    translated_fields = ("description",)
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

    @admin.display(description=_("first known posting"))
    def first_posting(self, clip):
        first = next(iter(clip.postings.all()), None)
        if first is None:
            return "—"
        when = first.posted_on or pgettext("a posting with no known date", "undated")
        return f"{first} ({when})"

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
    verbose_name_plural = _("wordings (choose another group to move one: a split or a merge)")

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

    @admin.display(description=_("wordings"), ordering="wording_count")
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

    @admin.action(description=_("Merge the selected groups into the first"), permissions=["change"])
    def merge(self, request, queryset):
        first, *others = queryset.order_by("pk")
        Quote.objects.filter(group__in=others).update(group=first)
        for other in others:
            other.delete()
        first.edited = True
        first.save()
        count = len(others) + 1
        message = ngettext(
            "Merged %(count)d group into “%(first)s”.",
            "Merged %(count)d groups into “%(first)s”.",
            count,
        ) % {"count": count, "first": first}
        self.message_user(request, message)
