"""Who may do what: editors curate content; nobody else gets into the admin."""

import io

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for url in ["/admin/", "/admin/articles/article/", "/admin/articles/annotation/add/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_anonymous_visitors_cannot_post_to_the_admin(client, seeds):
    response = client.post("/admin/articles/article/", {"action": "hide", "_selected_action": [1]})
    assert response.status_code == 302
    assert not seeds["000"].__class__.objects.filter(status="hidden").exists()


def test_editors_cannot_manage_users_or_groups(editor_client):
    for url in ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]:
        assert editor_client.get(url).status_code == 403


def test_editors_can_reach_the_content(editor_client, seeds):
    for url in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/?review=any",
        "/admin/articles/event/",
        "/admin/articles/annotation/add/",
        f"/admin/articles/article/{seeds['000'].pk}/change/",
        f"/admin/articles/article/{seeds['000'].pk}/history/",
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_the_editors_group_has_content_permissions_only():
    group = Group.objects.get(name="Editors")
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert apps == {"articles"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_article", "add_annotation", "change_event", "view_historicalarticle"} <= (
        codenames
    )
    assert "delete_article" not in codenames


def test_create_editor_makes_a_staff_account_in_the_editors_group():
    out = io.StringIO()
    call_command(
        "create_editor",
        "nadia",
        "--password-stdin",
        stdin=io.StringIO("correct-horse-battery-staple\n"),
        stdout=out,
    )
    user = User.objects.get(username="nadia")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password("correct-horse-battery-staple")
    assert "Editor 'nadia' created" in out.getvalue()


def test_create_editor_refuses_a_weak_password_and_creates_nothing():
    with pytest.raises(CommandError, match=r"too short|too common"):
        call_command("create_editor", "weak", "--password-stdin", stdin=io.StringIO("abc\n"))
    assert not User.objects.filter(username="weak").exists()


def test_create_editor_refuses_an_existing_name(editor):
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "edith", "--password-stdin", stdin=io.StringIO("x\n"))


def attempt(client, password):
    return client.post(LOGIN, {"username": "edith", "password": password})


def test_logins_are_throttled_after_five_failures(client, editor):
    for _ in range(4):
        assert attempt(client, "wrong password").status_code == 200
    assert attempt(client, "wrong password").status_code == 429
    locked = attempt(client, "a-long-editor-password")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_the_cool_off(client, editor, settings):
    for _ in range(5):
        attempt(client, "wrong password")
    an_hour_ago = timezone.now() - settings.AXES_COOLOFF_TIME * 4
    AccessAttempt.objects.update(attempt_time=an_hour_ago)
    response = attempt(client, "a-long-editor-password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_successful_login_is_not_throttled(client, editor):
    for _ in range(3):
        attempt(client, "wrong password")
    assert attempt(client, "a-long-editor-password").status_code == 302
