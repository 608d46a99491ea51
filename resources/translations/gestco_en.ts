<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="191"/>
        <source>The %1 newest lines shown: Show more for older ones.</source>
        <translation>
            <numerusform>The %1 newest line shown: Show more for older ones.</numerusform>
            <numerusform>The %1 newest lines shown: Show more for older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="193"/>
        <source>%1 lines.</source>
        <translation>
            <numerusform>%1 line.</numerusform>
            <numerusform>%1 lines.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="232"/>
        <source>%1 lines exported to %2</source>
        <translation>
            <numerusform>%1 line exported to %2</numerusform>
            <numerusform>%1 lines exported to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientBalanceLabel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/client_balance.py" line="25"/>
        <source>Balance due %1 over %n orders</source>
        <translation>
            <numerusform>Balance due %1 over %n order</numerusform>
            <numerusform>Balance due %1 over %n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientsExport</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/clients_export.py" line="83"/>
        <source>%1 clients exported to %2</source>
        <translation>
            <numerusform>%1 client exported to %2</numerusform>
            <numerusform>%1 clients exported to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/dashboard.py" line="353"/>
        <location filename="../../ui/tabs/dashboard.py" line="368"/>
        <source>%1: %2 (%3 orders)</source>
        <translation>
            <numerusform>%1: %2 (%3 order)</numerusform>
            <numerusform>%1: %2 (%3 orders)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="40"/>
        <source>Your order for %1 (%n lines) was kept while you were away.</source>
        <translation>
            <numerusform>Your order for %1 (%n line) was kept while you were away.</numerusform>
            <numerusform>Your order for %1 (%n lines) was kept while you were away.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="43"/>
        <source>Your order for %1 (%n lines) was put aside when you restored another one.</source>
        <translation>
            <numerusform>Your order for %1 (%n line) was put aside when you restored another one.</numerusform>
            <numerusform>Your order for %1 (%n lines) was put aside when you restored another one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="49"/>
        <source>An order for %1 (%n lines) was being keyed when GESTCO stopped.</source>
        <translation>
            <numerusform>An order for %1 (%n line) was being keyed when GESTCO stopped.</numerusform>
            <numerusform>An order for %1 (%n lines) was being keyed when GESTCO stopped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="53"/>
        <source>%n more unfinished orders wait after this one.</source>
        <translation>
            <numerusform>%n more unfinished order waits after this one.</numerusform>
            <numerusform>%n more unfinished orders wait after this one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportsDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/imports.py" line="73"/>
        <source>%1 imports</source>
        <translation>
            <numerusform>%1 import</numerusform>
            <numerusform>%1 imports</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoicesDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="174"/>
        <source>The %1 newest shown: narrow the period for older ones.</source>
        <translation>
            <numerusform>The %1 newest shown: narrow the period for older ones.</numerusform>
            <numerusform>The %1 newest shown: narrow the period for older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="176"/>
        <source>%1 documents.</source>
        <translation>
            <numerusform>%1 document.</numerusform>
            <numerusform>%1 documents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="217"/>
        <source>%1 documents exported to %2</source>
        <translation>
            <numerusform>%1 document exported to %2</numerusform>
            <numerusform>%1 documents exported to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="392"/>
        <source>%1 clients</source>
        <translation>
            <numerusform>%1 client</numerusform>
            <numerusform>%1 clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="394"/>
        <source>%1 orders</source>
        <translation>
            <numerusform>%1 order</numerusform>
            <numerusform>%1 orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewOrderTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/new_order.py" line="244"/>
        <source>%n unfinished orders of yours wait on New order (F3).</source>
        <translation>
            <numerusform>%n unfinished order of yours waits on New order (F3).</numerusform>
            <numerusform>%n unfinished orders of yours wait on New order (F3).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/orders.py" line="329"/>
        <source>%1 orders · total excluding cancelled orders: %2</source>
        <translation>
            <numerusform>%1 order · total excluding cancelled orders: %2</numerusform>
            <numerusform>%1 orders · total excluding cancelled orders: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/orders.py" line="398"/>
        <source>%1 orders exported to %2</source>
        <translation>
            <numerusform>%1 order exported to %2</numerusform>
            <numerusform>%1 orders exported to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/search.py" line="335"/>
        <source>%1 of %2 clients shown: type more of the name.</source>
        <translation>
            <numerusform>%1 of %2 client shown: type more of the name.</numerusform>
            <numerusform>%1 of %2 clients shown: type more of the name.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/search.py" line="397"/>
        <source>%1 orders · %2 spent, excluding cancelled orders · last order %3</source>
        <translation>
            <numerusform>%1 order · %2 spent, excluding cancelled orders · last order %3</numerusform>
            <numerusform>%1 orders · %2 spent, excluding cancelled orders · last order %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/stock.py" line="380"/>
        <source>%1 products to reorder exported to %2</source>
        <translation>
            <numerusform>%1 product to reorder exported to %2</numerusform>
            <numerusform>%1 products to reorder exported to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchedFolder</name>
    <message numerus="yes">
        <location filename="../../ui/runtime/watched_folder.py" line="82"/>
        <source>%n orders imported from %1</source>
        <translation>
            <numerusform>%n order imported from %1</numerusform>
            <numerusform>%n orders imported from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runtime/watched_folder.py" line="87"/>
        <source>%n orders imported from %1, others refused: see its report in failed/</source>
        <translation>
            <numerusform>%n order imported from %1, others refused: see its report in failed/</numerusform>
            <numerusform>%n orders imported from %1, others refused: see its report in failed/</numerusform>
        </translation>
    </message>
</context>
</TS>
