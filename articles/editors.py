"""The Editors group: exactly the permissions editors need — content, never users or groups."""

EDITORS = "Editors"
# Articles come from imports: editors change and hide them rather than add or delete them.
PERMISSIONS = {
    "article": ["view", "change"],
    "event": ["view", "add", "change"],
    "placement": ["view", "add", "change", "delete"],
    "annotation": ["view", "add", "change", "delete"],
    "outlet": ["view", "add", "change", "delete"],
    "tag": ["view", "add", "change", "delete"],
    "slugredirect": ["view"],
    "clip": ["view", "add", "change", "delete"],
    "posting": ["view", "add", "change", "delete"],
    "historicalclip": ["view"],
    "historicalposting": ["view"],
    "citation": ["view", "add", "change", "delete"],
    "historicalcitation": ["view"],
    "quote": ["view", "change"],
    "quotegroup": ["view", "add", "change", "delete"],
    "historicalquote": ["view"],
    "historicalquotegroup": ["view"],
    "historicalarticle": ["view"],
    "historicalevent": ["view"],
    "historicalplacement": ["view"],
    "historicalannotation": ["view"],
}


def ensure_editors_group(group_model, permission_model, permissions=PERMISSIONS):
    """Create or repair the group; model classes are passed in so migrations can call it,
    each with the permissions of its time (a model added later has none yet)."""
    codenames = [
        f"{action}_{model}" for model, actions in permissions.items() for action in actions
    ]
    granted = permission_model.objects.filter(
        content_type__app_label="articles", codename__in=codenames
    )
    if granted.count() != len(codenames):
        raise LookupError("A permission the Editors group needs is missing: run migrate.")
    group, _ = group_model.objects.get_or_create(name=EDITORS)
    group.permissions.set(granted)
    return group
