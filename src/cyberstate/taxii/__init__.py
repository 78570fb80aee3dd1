"""A read-only TAXII 2.1 server over the STIX export: `create_app(db_path)` gives a Starlette app that
`cyberstate taxii` runs and the web server can mount. See docs/exchange.md for the endpoints."""

from cyberstate.taxii.app import create_app

__all__ = ["create_app"]
