"""Japan–Russia relations: data loading, validation, transformation, analysis and figures.

The path of any number in a figure: ``data/<table>.csv`` (schema in ``data/datapackage.json``)
→ :mod:`analysis.load` → :mod:`analysis.transform` → :mod:`analysis.plots` or :mod:`analysis.maps`
(house style in :mod:`analysis.style`) → :func:`analysis.export.finish` (the source line from
:mod:`analysis.credit`, then :func:`analysis.export.save_figure`) → the notebook that calls
them. Updating ``data/`` from the publishers' own files is :mod:`analysis.refresh`.
"""
__version__ = "0.1.0"
