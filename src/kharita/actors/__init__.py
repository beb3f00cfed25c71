"""Actors stage: resolve actor mentions to the actor knowledge base.

Public API: :class:`ActorResolver` (the pipeline stage), and in
:mod:`kharita.actors.kb` ``load_kb()``, ``ActorKB``, ``Actor`` and ``generic_actor()``.
"""

from __future__ import annotations

from kharita.actors.kb import Actor, ActorKB, generic_actor, load_kb
from kharita.actors.resolve import ActorResolver

__all__ = ["Actor", "ActorKB", "ActorResolver", "generic_actor", "load_kb"]
