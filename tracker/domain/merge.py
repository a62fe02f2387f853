"""Three-way merge of two edits made to the same saved version of a record.

Each state is a flat mapping of field name → plain value (a missing field means "empty").
A field counts as *changed by* a side when its value differs from the common base. The merge
takes each side's changes; a field both sides changed to different values is *contested* and
keeps the saved ("theirs") value until the person merging chooses.
"""
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Merge:
    """The merged state, the fields each side changed and the fields both changed differently."""

    merged: dict[str, Any]
    mine: frozenset[str]
    theirs: frozenset[str]
    contested: frozenset[str]


def merge_three_way(base: dict[str, Any] | None, theirs: dict[str, Any],
                    mine: dict[str, Any]) -> Merge:
    """Merge `mine` into `theirs`, both edited from `base`.

    Without a known base (None) every field where the two differ is contested: nothing is
    assumed about who changed what.
    """
    fields = set(theirs) | set(mine) | set(base or {})
    changed_mine, changed_theirs, contested = set(), set(), set()
    merged = {}
    for name in fields:
        old, saved, wanted = (base or {}).get(name), theirs.get(name), mine.get(name)
        if base is None:
            merged[name] = saved
            if saved != wanted:
                contested.add(name)
            continue
        if wanted != old:
            changed_mine.add(name)
        if saved != old:
            changed_theirs.add(name)
        if name in changed_mine and name in changed_theirs and wanted != saved:
            contested.add(name)
            merged[name] = saved
        else:
            merged[name] = wanted if name in changed_mine else saved
    return Merge(merged, frozenset(changed_mine), frozenset(changed_theirs), frozenset(contested))
