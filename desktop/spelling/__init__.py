"""Spell checking with Hunspell dictionaries (spylls), a personal word list and hot words."""
