"""Any change to the reading room's data starts a new page-cache generation on commit."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from readingroom.pagecache import invalidate


def content_changed(sender, using="default", **kwargs):
    if sender._meta.app_label == "articles":
        invalidate(using)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal}")
