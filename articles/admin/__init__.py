"""The editors' desk: the Django admin, one module per part of the reading room."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import articles, clips, events, notes, plumbing  # noqa: F401 (they register)

admin.site.site_header = _("Reading Room editors' desk")
# The article list needs the width; the index and the breadcrumbs lead everywhere.
admin.site.enable_nav_sidebar = False
admin.site.site_title = _("Reading Room editors")
admin.site.index_title = _("Curate and annotate")
