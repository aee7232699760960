"""Link stage: mentions linked to canonical entities (`document`), with short names (`names`) and
role phrases resolved in time (`roles`)."""

from depeche.tasks.link.document import link_document

__all__ = ["link_document"]
