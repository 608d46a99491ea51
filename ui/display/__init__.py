"""What the screens show that is not a widget: numbers and dates as the shop reads them, the
codes' labels, and error messages in the window's language (the core's messages included)."""
