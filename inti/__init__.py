"""The pure layer: computation and formatting that any app may use and that uses no app.

Nothing here imports a Django model or another package of this project: the capaian engine,
Indonesian numbers, SVG charts, spreadsheet and PDF plumbing, file-type detection.
"""
