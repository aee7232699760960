"""Link stage: mentions linked to canonical entities (`document`), with short names (`names`) and
role phrases resolved in time (`roles`)."""

from depeche.tasks.link.document import link_document
from depeche.tasks.link.names import CAPITALISED

__all__ = ["CAPITALISED", "link_document"]
