"""The article list's bulk actions: placements confirmed on a page of their own and undone
in one click, and the status actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from .. import services
from ..models import Article, Event

EVERYWHERE = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class EventChoiceForm(forms.Form):
    event = forms.ModelChoiceField(Event.objects.all(), label="Event")


# One change, one confirmation page listing its articles, one undo: a few hundred at a time
# (and well under the 1,000 fields a POST may carry).
MAX_PLACEMENT_CHANGE = 500


class ArticleActions:
    """Mixed into ArticleAdmin."""

    placement_confirmation_template = "admin/articles/article/placement_confirmation.html"

    def get_urls(self):
        undo = self.admin_site.admin_view(self.undo_view)
        return [
            path("undo/<int:change_id>/", undo, name="articles_article_undo"),
            *super().get_urls(),
        ]

    def change_placements(self, request, queryset, how, verb, where):
        """The confirmation page first (GET, or a POST without `confirm`); then the change."""
        articles = list(queryset)
        if len(articles) > MAX_PLACEMENT_CHANGE:
            self.message_user(
                request,
                f"Choose at most {MAX_PLACEMENT_CHANGE} articles for one placement change: "
                "narrow the list with a filter or a search.",
                messages.WARNING,
            )
            return None
        chosen = EventChoiceForm(request.POST)
        if request.POST.get("confirm") and chosen.is_valid():
            event = chosen.cleaned_data["event"]
            change = services.change_placements(articles, event, how, request.user)
            self.message_user(request, self.undo_message(request, change), messages.SUCCESS)
            return None
        count = len(articles)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{verb} {ngettext('%d article', '%d articles', count) % count} {where}?",
            "verb": f"{verb} {where}",
            "articles": articles,
            "form": EventChoiceForm(initial={"event": request.POST.get("event")})
            if not request.POST.get("confirm")
            else chosen,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse("admin:articles_article_changelist"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.placement_confirmation_template, context)

    def undo_message(self, request, change):
        return format_html(
            '{} <form class="rr-undo" method="post" action="{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="button">Undo</button></form>',
            change.description,
            reverse("admin:articles_article_undo", args=[change.pk]),
            get_token(request),
        )

    def undo_view(self, request, change_id):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        try:
            change = services.undo_placement_change(change_id)
        except services.UndoRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, f"Undone: {change}")
        return redirect("admin:articles_article_changelist")

    @admin.action(description="Add to the event chosen below…", permissions=["change"])
    def add_to_event(self, request, queryset):
        return self.change_placements(request, queryset, "add", "Add", "to an event")

    @admin.action(description="Remove from the event chosen below…", permissions=["change"])
    def remove_from_event(self, request, queryset):
        return self.change_placements(request, queryset, "remove", "Remove", "from an event")

    @admin.action(
        description="Move to the event chosen below (out of all others)…", permissions=["change"]
    )
    def move_to_event(self, request, queryset):
        return self.change_placements(request, queryset, "move", "Move", "to an event")

    @admin.action(description="Publish", location=EVERYWHERE, permissions=["change"])
    def publish(self, request, queryset):
        services.set_status(queryset, Article.Status.PUBLISHED)
        count = len(queryset)
        self.message_user(
            request, ngettext("%d article published.", "%d articles published.", count) % count
        )

    @admin.action(description="Hide from readers", location=EVERYWHERE, permissions=["change"])
    def hide(self, request, queryset):
        services.set_status(queryset, Article.Status.HIDDEN)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%d article hidden from readers.", "%d articles hidden from readers.", count)
            % count,
        )

    @admin.action(description="Mark import warnings as reviewed", permissions=["change"])
    def clear_warnings(self, request, queryset):
        cleared = queryset.exclude(import_warnings=[]).update(import_warnings=[])
        self.message_user(
            request,
            ngettext(
                "The warnings of %d article marked as reviewed.",
                "The warnings of %d articles marked as reviewed.",
                cleared,
            )
            % cleared,
        )
