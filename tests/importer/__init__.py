"""Tests of the importer: readers of published disclosures, recognition, audit."""
