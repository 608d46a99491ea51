"""Reading the files shops really have (Shopify, WooCommerce, GESTCO's own format, contacts,
vCards) into plain, validated, frozen records. No database: the import service decides what
the records become. Entry points: orders.read_orders, clients.read_clients, vcard.vcard_text.
"""
