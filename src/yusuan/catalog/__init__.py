"""Classification catalogues (data, versioned by year)."""

from yusuan.catalog.loader import (
    Catalog,
    CatalogFileError,
    CatalogKind,
    catalog_dir,
    install_catalog_file,
    load_catalog,
)

__all__ = ["Catalog", "CatalogFileError", "CatalogKind", "catalog_dir", "install_catalog_file", "load_catalog"]
