"""Doorstep's data layer: the contract, read-only connections, snapshots and scoping."""
