"""The CMS dialects the replica can speak, by name."""

from __future__ import annotations

from .asp import Asp
from .base import Dialect, Response
from .dede import Dede
from .phpcms import Phpcms

DIALECT_CLASSES: dict[str, type[Dialect]] = {cls.name: cls for cls in (Dede, Phpcms, Asp)}
DIALECTS: tuple[str, ...] = tuple(DIALECT_CLASSES)

__all__ = ["DIALECTS", "DIALECT_CLASSES", "Dialect", "Response"]
