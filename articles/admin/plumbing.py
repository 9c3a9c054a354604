"""Outlets, tags and slug redirects: small tables the desk keeps."""

from django.contrib import admin

from ..models import Outlet, SlugRedirect, Tag
from .base import EditorsAdmin


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


@admin.register(SlugRedirect)
class SlugRedirectAdmin(EditorsAdmin):
    """Plumbing, kept by renames: out of the editors' menu, at its address for the curious."""

    list_display = ["old_slug", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__headline"]
    autocomplete_fields = ["article"]

    def has_module_permission(self, request):
        return request.user.is_superuser
