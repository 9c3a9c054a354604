"""Events and their placement rules, with a preview of what the rules would do."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import services
from ..localized import translated_field_names
from ..models import Event
from ..placement import term_problems
from .base import EditorsAdmin, is_whole_number

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
            *translated_field_names("name"),
            *translated_field_names("summary"),
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
    search_fields = ["name", "slug", *translated_field_names("name")]
    translated_fields = ("name", "summary")
    prepopulated_fields = {"slug": ["name"]}
    actions = ["reapply_rules"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(placed=Count("placement"))

    @admin.display(description=_("articles"), ordering="placed")
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
        instance = Event.objects.filter(pk=event_id).first() if is_whole_number(event_id) else None
        if not self.has_change_permission(request, instance):
            raise PermissionDenied
        form = EventForm(request.POST or None, instance=instance)
        if instance is None:
            title = gettext("Preview of the placement rules of a new event")
        else:
            title = gettext("Preview of the placement rules of %(event)s") % {
                "event": instance.name
            }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "event": instance,
            "rule_fields": RULE_FIELDS,
            "title": title,
        }
        if request.method == "POST" and form.is_valid():
            context["preview"] = services.preview_rules(form.save(commit=False))
        return render(request, "admin/articles/event/preview.html", context)

    @admin.action(
        description=_("Re-apply rules to articles no editor has placed"), permissions=["change"]
    )
    def reapply_rules(self, request, queryset):
        placed, removed = services.reapply_rules(list(queryset))
        added = ngettext("%(count)d placement added", "%(count)d placements added", placed) % {
            "count": placed
        }
        # Translators: the placements an event's rules removed, after those they added.
        dropped = ngettext("%(count)d removed", "%(count)d removed", removed) % {"count": removed}
        # Translators: "3 placements added, 1 removed."
        message = gettext("%(added)s, %(removed)s.") % {"added": added, "removed": dropped}
        self.message_user(request, message)
