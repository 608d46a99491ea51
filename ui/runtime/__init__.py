"""What the window owns while it runs: the change feed, the backups schedule and file check,
workers off the window's thread, drafts, the crash log, the app-wide signals, the services as the
screens call them, and where resources are."""
