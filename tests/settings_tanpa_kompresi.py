"""The project's settings, read from the environment as always, without WhiteNoise's gzip and
brotli pass: tests/test_static_produksi.py collects static files in a subprocess, and
compressing Bootstrap with brotli takes half a minute on a shared machine."""

from config.settings import *  # noqa: F403

WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["css", "js", "map", "svg", "txt", "html", "json", "md"]
