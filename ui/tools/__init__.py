"""Build tools around the window: screenshots, the orders-table bench, the scan that feeds the
core's messages to the translations."""
