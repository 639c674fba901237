"""Demo content: realistic Indonesian content for the demo villages (used by ``setup_demo``).

Each content app offers ``<app>/demo.py`` with ``populate(village_page)``; this package holds
what they share: generated pictures and documents, and the order in which apps are filled.
"""
