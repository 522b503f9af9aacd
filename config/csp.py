"""The Content-Security-Policy header on every response.

Pages load scripts, styles, images and fonts from the application only: no inline <script>,
no on*= handlers, no style attributes, no CDN (the app runs on offline office networks).
Images may also be data: URIs (Bootstrap's icons in its CSS, logos embedded in the LAKIP).
Django 5.2 has no CSP support of its own; this is a dozen lines rather than a dependency.
"""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
