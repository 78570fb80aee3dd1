"""The analyst's workbench: a JSON API under /api/ and server-rendered pages over one read model.

`create_app(service)` builds the Starlette app around one long-lived `Service`; `cyberstate serve` runs it
on uvicorn. Nothing is computed here: every route asks the read model and renders its typed answer.
"""

from cyberstate.web.app import create_app

__all__ = ["create_app"]
