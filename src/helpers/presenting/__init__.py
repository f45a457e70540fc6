"""Presenting: notebook parameters, display helpers and charts."""
