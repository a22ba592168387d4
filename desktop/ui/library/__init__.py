"""The library panel: items and search hits, read off the UI thread."""
