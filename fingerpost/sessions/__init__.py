"""Chat sessions as data, saved atomically (session), and the lock that keeps one writer (lock)."""
