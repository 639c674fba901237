"""The URL sweep: every URL pattern of the installation, requested by village A's users with
the ids of other villages' objects, must never show those objects or change them.

- ``world`` builds the villages and their marked objects;
- ``patterns`` walks the URL resolver and fills each pattern's parameters;
- ``runner`` sends the requests, reads the responses and compares snapshots;
- ``test_sweep`` runs both passes (GET, then the write methods).
"""
