"""Qt plumbing shared by every room: background work, garbage collection, table-model
base, theme, translations, the single-instance socket."""
