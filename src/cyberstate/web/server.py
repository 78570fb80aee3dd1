"""The served app: the workbench, with the TAXII endpoints mounted beside it when that package is present."""

from __future__ import annotations

import importlib.util

from starlette.applications import Starlette
from starlette.routing import Mount

from cyberstate.service import Service
from cyberstate.web.app import create_app


def warm(svc: Service) -> None:
    """Read once, before the first visitor, what the home page and search-as-you-type need: the name
    index (seconds on the full store) and the map's figures."""
    from cyberstate.web.api import MAPS

    svc.resolve("APT31", limit=1)
    MAPS.get(svc, None)


def build_app(svc: Service) -> Starlette:
    mounts: list[Mount] = []
    if importlib.util.find_spec("cyberstate.taxii") is not None:  # issue 15's TAXII server, when built
        from cyberstate import taxii

        make = getattr(taxii, "create_app", None)
        prefix = getattr(taxii, "PREFIX", "/taxii2")
        if make is not None:
            mounts.append(Mount(prefix, app=make(svc)))
    return create_app(svc, mounts)
