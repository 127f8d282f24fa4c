"""Public signals of shop_assistant, for a host that wants to react (analytics, caches,
notifications). Connect receivers as usual: ``search_performed.connect(my_receiver)``.

Each is sent after the work it names is done and stored; receivers run synchronously in
the sending process (a search request, a worker), so keep them quick or queue your own
task from them.
"""

from django.dispatch import Signal

#: Products were (re-)indexed into a space. ``sender``: the ``Indexer`` class;
#: ``product_ids``: the pks written (unchanged ones included); ``space``: the
#: :class:`~shop_assistant.models.EmbeddingSpace`.
product_indexed = Signal()

#: A search was answered and logged. ``sender``: the ``search`` function; ``query``: the
#: normalized text; ``filters``: the :class:`~shop_assistant.filters.Filters`;
#: ``result``: the :class:`~shop_assistant.search.SearchResult` (``query_id``, ``count``,
#: ``hits``, ...).
search_performed = Signal()

#: A question was answered or refused. ``sender``: the ``ask`` function; ``question``,
#: ``product_id`` (None: catalog-wide) and ``answer``: the
#: :class:`~shop_assistant.qa.Answer` (``grounded`` is False for a refusal).
answer_given = Signal()

#: An index job ended, succeeded or failed (a cancelled job stops without ending here).
#: ``sender``: :class:`~shop_assistant.models.IndexJob`; ``job``: the job, with its
#: ``status``, counts, ``errors`` and ``result``.
job_finished = Signal()
