"""A second workstation for the two-windows test: its own process and its own window on the
server. It validates one order through the new-order screen, then prints the order's number
and the wall-clock time of the validation."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str, phone: str, sku: str) -> int:
    from gestco.services import clients
    from gestco.storage import binding
    from ui.app import create_main_window, make_application

    app = make_application(["gestco-second-window"])
    window = create_main_window(url, operator="admin")
    window.backup_on_close = False
    window.show()
    app.processEvents()
    tab = window.new_order_tab
    client = clients.identify(phone)
    assert client is not None
    tab.set_client(client)
    tab.product_edit.setText(sku)
    tab.lines.add_line()
    tab.validate()
    validated_at = time.time()
    print(f"validated {tab.last_number} {validated_at:.6f}", flush=True)
    window.close()
    binding.close_database()
    return 0 if tab.last_number else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
