"""Tests of the ingest stage (kg.ingest)."""
