"""Pure domain core of the tracker: trust figures, signals and catalogues (standard library only)."""
