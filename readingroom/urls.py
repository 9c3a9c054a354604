from django.contrib import admin
from django.urls import include, path

from articles import views

urlpatterns = [
    path("", include("articles.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
