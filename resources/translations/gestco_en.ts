<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DraftOffer</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="36"/>
        <source>An order for %1 (%n lines) was being keyed when GESTCO stopped.</source>
        <translation>
            <numerusform>An order for %1 (%n line) was being keyed when GESTCO stopped.</numerusform>
            <numerusform>An order for %1 (%n lines) was being keyed when GESTCO stopped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/search.py" line="207"/>
        <source>%1 of %2 clients shown: type more of the name.</source>
        <translation>
            <numerusform>%1 of %2 client shown: type more of the name.</numerusform>
            <numerusform>%1 of %2 clients shown: type more of the name.</numerusform>
        </translation>
    </message>
</context>
</TS>
