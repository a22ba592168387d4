"""Dialogs opened from the main window: settings, export, subtitle presets, vocabularies."""
