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
from django.utils.translation import gettext, ngettext, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import Article, Event

EVERYWHERE = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class EventChoiceForm(forms.Form):
    event = forms.ModelChoiceField(Event.objects.all(), label=_("Event"))


# One change, one confirmation page listing its articles, one undo: a few hundred at a time
# (and well under the 1,000 fields a POST may carry).
MAX_PLACEMENT_CHANGE = 500
# Each placement change's name, and the question its confirmation page asks.
PLACEMENT_QUESTIONS = {
    "add": (
        _("Add to an event"),
        ngettext_lazy(
            "Add %(count)d article to an event?", "Add %(count)d articles to an event?", "count"
        ),
    ),
    "remove": (
        _("Remove from an event"),
        ngettext_lazy(
            "Remove %(count)d article from an event?",
            "Remove %(count)d articles from an event?",
            "count",
        ),
    ),
    "move": (
        _("Move to an event"),
        ngettext_lazy(
            "Move %(count)d article to an event?", "Move %(count)d articles to an event?", "count"
        ),
    ),
}


class ArticleActions:
    """Mixed into ArticleAdmin."""

    placement_confirmation_template = "admin/articles/article/placement_confirmation.html"

    def get_urls(self):
        undo = self.admin_site.admin_view(self.undo_view)
        return [
            path("undo/<int:change_id>/", undo, name="articles_article_undo"),
            *super().get_urls(),
        ]

    def change_placements(self, request, queryset, how):
        """The confirmation page first (GET, or a POST without `confirm`); then the change."""
        articles = list(queryset)
        if len(articles) > MAX_PLACEMENT_CHANGE:
            message = ngettext(
                "Choose at most %(count)d article for one placement change: narrow the list "
                "with a filter or a search.",
                "Choose at most %(count)d articles for one placement change: narrow the list "
                "with a filter or a search.",
                MAX_PLACEMENT_CHANGE,
            ) % {"count": MAX_PLACEMENT_CHANGE}
            self.message_user(request, message, messages.WARNING)
            return None
        chosen = EventChoiceForm(request.POST)
        if request.POST.get("confirm") and chosen.is_valid():
            event = chosen.cleaned_data["event"]
            change = services.change_placements(articles, event, how, request.user)
            self.message_user(request, self.undo_message(request, change), messages.SUCCESS)
            return None
        name, question = PLACEMENT_QUESTIONS[how]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": question % {"count": len(articles)},
            "verb": name,
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
            '<button type="submit" class="button">{}</button></form>',
            change.description,
            reverse("admin:articles_article_undo", args=[change.pk]),
            get_token(request),
            gettext("Undo"),
        )

    def undo_view(self, request, change_id):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        try:
            change = services.undo_placement_change(change_id)
        except services.UndoRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, gettext("Undone: %(change)s") % {"change": change})
        return redirect("admin:articles_article_changelist")

    @admin.action(description=_("Add to the event chosen below…"), permissions=["change"])
    def add_to_event(self, request, queryset):
        return self.change_placements(request, queryset, "add")

    @admin.action(description=_("Remove from the event chosen below…"), permissions=["change"])
    def remove_from_event(self, request, queryset):
        return self.change_placements(request, queryset, "remove")

    @admin.action(
        description=_("Move to the event chosen below (out of all others)…"),
        permissions=["change"],
    )
    def move_to_event(self, request, queryset):
        return self.change_placements(request, queryset, "move")

    @admin.action(
        description=pgettext_lazy("an action on articles", "Publish"),
        location=EVERYWHERE,
        permissions=["change"],
    )
    def publish(self, request, queryset):
        services.set_status(queryset, Article.Status.PUBLISHED)
        count = len(queryset)
        self.message_user(
            request, ngettext("%d article published.", "%d articles published.", count) % count
        )

    @admin.action(description=_("Hide from readers"), location=EVERYWHERE, permissions=["change"])
    def hide(self, request, queryset):
        services.set_status(queryset, Article.Status.HIDDEN)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%d article hidden from readers.", "%d articles hidden from readers.", count)
            % count,
        )

    @admin.action(description=_("Mark import warnings as reviewed"), permissions=["change"])
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
