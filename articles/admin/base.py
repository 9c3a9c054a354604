"""What every model of the desk shares: history in words, the changelist test."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from .. import history
from ..localized import LANGUAGE_NAMES, TRANSLATED_LANGUAGES, field_name

# Long texts a change list never shows.
HEAVY_FIELDS = ("raw_text", "body", "blocks", "cleaning_report", "search_vector")


def is_changelist(request):
    return request.resolver_match is not None and request.resolver_match.url_name.endswith(
        "_changelist"
    )


def is_whole_number(text):
    """Digits 0-9 only: "²" passes str.isdigit() but is no id; other scripts' digits neither."""
    return text.isascii() and text.isdecimal()


class EditorsAdmin(SimpleHistoryAdmin):
    """History for every change; query-string prefills that are not ids are ignored.

    The admin prefills an add form from the query string (the "Annotate" links rely on
    it); a relation or number given as anything but digits would otherwise be a 500.
    """

    object_history_template = "admin/history_in_words.html"
    history_per_page = 100
    # English fields with a version in each other interface language (name: name_uk …),
    # shown in a collapsible fieldset per language beneath the rest of the form.
    translated_fields = ()

    def translation_fieldsets(self):
        return [
            (
                LANGUAGE_NAMES[language],
                {
                    "classes": ["collapse"],
                    "fields": [field_name(field, language) for field in self.translated_fields],
                },
            )
            for language in TRANSLATED_LANGUAGES
        ]

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets or not self.translated_fields:
            return super().get_fieldsets(request, obj)
        translations = self.translation_fieldsets()
        translated = {name for _, options in translations for name in options["fields"]}
        fields = [name for name in self.get_fields(request, obj) if name not in translated]
        return [(None, {"fields": fields}), *translations]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        for language in TRANSLATED_LANGUAGES:
            names = {field_name(field, language) for field in self.translated_fields}
            if formfield is not None and db_field.name in names:
                formfield.widget.attrs["lang"] = language  # spelling checked in that language
        return formfield

    def history_view(self, request, object_id, extra_context=None):
        """The object's history in words (see articles.history), newest first."""
        if not hasattr(self.model, "history"):  # not tracked: the admin's own log
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        pk = unquote(object_id)
        if not is_whole_number(pk):
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
            "title": gettext("History: %(object)s") % {"object": obj},
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
        fields = {f.name: f for f in self.model._meta.get_fields()}
        for name in list(initial):
            field = fields.get(name)
            if field is None or not (field.is_relation or isinstance(field, models.IntegerField)):
                continue
            # Only a many-to-many field takes several ids, comma-separated.
            values = str(initial[name]).split(",") if field.many_to_many else [str(initial[name])]
            if not all(is_whole_number(value) for value in values):
                del initial[name]
        return initial
