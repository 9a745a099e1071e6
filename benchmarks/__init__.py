"""Speed benchmarks: the snapshot design against the floor and the usual alternatives."""
