"""PySide6 widgets and Qt models, in rooms named for what a person sees (ARCHITECTURE.md)."""
