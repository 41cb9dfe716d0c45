"""The web desk (`unionxl serve`): routes, templates, static files and the storage layer.

It imports the library; the library never imports it. Only `service.py` calls the library.
"""


def create_app(data, **options):
    from .app import create_app as make

    return make(data, **options)


__all__ = ["create_app"]
