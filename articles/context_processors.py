def canonical(request):
    """Every page's canonical URL: its own address, query string included (lists are permalinks)."""
    return {"canonical_url": request.build_absolute_uri()}
