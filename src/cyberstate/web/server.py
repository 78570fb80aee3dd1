"""The served app: the workbench, with the TAXII 2.1 endpoints of the same store beside it."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from cyberstate.service import Service
from cyberstate.web.app import create_app


def warm(svc: Service) -> None:
    """Read once, before the first visitor, what the home page and search-as-you-type need: the name
    index (seconds on the full store) and the map's figures."""
    from cyberstate.web.api import MAPS

    svc.resolve("APT31", limit=1)
    MAPS.get(svc, None)


class _WithTaxii:
    """The workbench, with TAXII's own paths (/taxii2/ and its API root) handed to the TAXII app.

    The TAXII app writes its paths in full (a client is given /taxii2/ and follows the API root from the
    discovery document), so it cannot sit under a Starlette Mount, which strips its prefix; a dispatch on
    the path keeps both apps as they are tested on their own."""

    def __init__(self, web: ASGIApp, taxii: ASGIApp, prefixes: tuple[str, ...]) -> None:
        self.web, self.taxii, self.prefixes = web, taxii, prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            await self.taxii(scope, receive, send)
        else:
            await self.web(scope, receive, send)


def build_app(svc: Service) -> ASGIApp:
    """The workbench with the TAXII 2.1 endpoints of the same store beside it."""
    from cyberstate.taxii.app import API_ROOT
    from cyberstate.taxii.app import create_app as create_taxii

    taxii = create_taxii(svc.store.path)
    return _WithTaxii(create_app(svc), taxii, ("/taxii2/", f"/{API_ROOT}/"))
