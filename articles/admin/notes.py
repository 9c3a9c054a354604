"""Notes on passages: written, previewed and published from the desk."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import blocks, services
from ..localized import LANGUAGE_NAMES, TRANSLATED_LANGUAGES, field_name, translated_field_names
from ..markdown import render_markdown
from ..models import Annotation
from ..reading import mark_passages
from .base import HEAVY_FIELDS, EditorsAdmin, is_changelist, is_whole_number


class AnnotationForm(forms.ModelForm):
    """A note on a passage. The prefix and suffix ride along hidden: a passage selected on the
    article page brings its context, which tells apart two copies of the same words."""

    prefix = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    suffix = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    class Meta:
        model = Annotation
        fields = [
            "article",
            "paragraph",
            "quote",
            "prefix",
            "suffix",
            "kind",
            "visibility",
            "body",
            *translated_field_names("body"),
        ]
        widgets = {"quote": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # What the paragraph's text shows while the note is being written.
            article, paragraph = self.initial.get("article"), self.initial.get("paragraph")
            if is_whole_number(str(article or "")) and is_whole_number(str(paragraph or "")):
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
    search_fields = ["quote", "body", *translated_field_names("body"), "article__headline"]
    translated_fields = ("body",)
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
        context = {"form": form, "title": gettext("Preview of the note")}
        if request.method == "POST" and form.is_valid():
            note, anchor = form.save(commit=False), form.anchor
            # Signed and dated as it would be if published now.
            note.pk, note.number, note.published_at = 0, 1, timezone.now()
            note.author = note.author or request.user
            note.quote, note.prefix, note.suffix = anchor.quote, anchor.prefix, anchor.suffix
            text = blocks.text_of(note.article.blocks, anchor.paragraph)
            context.update(
                note=note,
                paragraph=anchor.paragraph,
                html=mark_passages(text, [note]),
                translations=[
                    (
                        LANGUAGE_NAMES[language],
                        language,
                        getattr(note, field_name("body", language)),
                    )
                    for language in TRANSLATED_LANGUAGES
                ],
            )
        response = render(request, "admin/articles/annotation/preview.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_queryset(self, request):
        notes = super().get_queryset(request).select_related("article", "author")
        if is_changelist(request):
            notes = notes.defer(*(f"article__{field}" for field in HEAVY_FIELDS))
        return notes

    @admin.display(description=_("passage"))
    def passage(self, note):
        return f"¶{note.paragraph}: “{note.quote[:60]}”"

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, note):
        return note.updated_at

    @admin.display(description=_("text of that paragraph"))
    def paragraph_text(self, note):
        if not (note.article_id and note.paragraph):
            return gettext(
                "Choose the article and the paragraph, or select words on the article's page."
            )
        return blocks.text_of(note.article.blocks, note.paragraph) or "—"

    @admin.display(description=_("as readers see it"))
    def rendered(self, note):
        return render_markdown(note.body) if note.body else "—"

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        chosen = not change or bool({"article", "paragraph", "quote"} & set(form.changed_data))
        services.save_note(obj, form.anchor, request.user, quote_chosen=chosen)
