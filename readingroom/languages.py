"""The interface language of each request.

Public pages take it from their address alone (English unprefixed, /uk/…, /ru/…), so one
address always shows one language and the page cache, a CDN and a shared link agree on it.
The editors' desk, which has no prefix, follows the browser's language or the language cookie.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from readingroom.readers import DESK_PREFIX


def is_desk(request):
    return request.path_info.startswith(DESK_PREFIX)


def streamed_in(language, chunks):
    """A streamed body (the CSV export) is made after the middleware has returned: it is
    made in the request's language all the same."""
    with translation.override(language):
        yield from chunks


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if is_desk(request):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        else:
            super().process_request(request)

    def process_response(self, request, response):
        if is_desk(request):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        # Public pages do not vary by Accept-Language: their address names their language.
        language = translation.get_language()
        response.headers.setdefault("Content-Language", language)
        if response.streaming:
            response.streaming_content = streamed_in(language, response.streaming_content)
        # The page is rendered: the thread's next request starts from the default language.
        translation.deactivate()
        return response
