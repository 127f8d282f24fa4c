"""Learning from the shop's own traffic: simulated visitors for the demo and evaluation
(:mod:`.traffic`), training data from the search log and attributed events
(:mod:`.data`), the query adapter (:mod:`.adapter`) and fusion weights (:mod:`.ranker`)
trained on it, and learned versions made, evaluated, activated and rolled back
(:mod:`.service`)."""
