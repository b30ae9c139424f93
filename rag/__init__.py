"""Pilkada RAG: who said what, at which meeting, where and when, answered from Indonesian news with citations.

The code is organized by pipeline stage; imports run one way only,
app -> answer -> query / index -> extract -> ingest -> core (see tests/test_layering.py).
"""
