"""l10n: offline localization of press communiqués through gettext PO catalogs."""

__version__ = "0.1.0"
