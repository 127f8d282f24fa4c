"""Multilingual semantic search, recommendations and grounded Q&A for Django shops.

The package is layered; a module imports only from the layers below its own (checked by
import-linter, see ``pyproject.toml`` and ``tests/test_architecture.py``):

=================  ==========================================================================
integrations       ``contrib/`` (installable sub-apps for shop frameworks: ``contrib.oscar``)
entry points       ``apps``, ``api/`` (DRF views and serializers), ``admin/``,
                   ``management/`` (commands); ``tasks`` (Celery), ``receivers`` (signals),
                   ``checks`` (system checks), ``schedule`` (the periodic jobs)
guide              ``guide/`` (the conversational shopping guide, over Q&A, search and
                   recommendations; its optional LLM calls them as tools)
services           ``qa/`` (grounded answers) and ``learning/`` (query adapters and fusion
                   weights learned from traffic) over ``search/`` (hybrid search) and
                   ``recommend/`` (similar, bought together, personalized, trending, events)
rules              ``merchandising`` (pin, boost, bury, exclude on any ranked list)
indexing           ``indexing/``: document → passages → vectors (``service``), the ANN
                   index and its one query (``ann``), embedding spaces blue/green
                   (``spaces``), jobs and their runner, freshness of saved products
foundation         ``catalog`` (the product adapter, the only code that knows the host's
                   product model), ``cards`` (the product card every list shows), ``filters``,
                   ``language``; ``ranking`` (candidates and their explanations),
                   ``evaluation`` (ranking metrics)
storage            ``models/``
encoders           ``embeddings/`` (backends behind one protocol, the query cache)
core               ``conf`` (settings), ``signals`` (public), ``core/`` (errors, pluggable
                   class loading, pk coercion, the per-process memo, the Celery message queue,
                   HTML to text, the OpenAI-compatible client of the optional LLMs)
=================  ==========================================================================

A change belongs in the lowest layer that can make it; ``core/queue.py`` is the only
place that turns domain work into Celery messages, by task name, so the domain never
imports the tasks.
"""

__version__ = "0.1.0"
