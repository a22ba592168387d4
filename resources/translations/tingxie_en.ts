<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>folder for %n files</source>
        <translation>
            <numerusform>folder for %n file</numerusform>
            <numerusform>folder for %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s): </source>
        <translation>
            <numerusform>Exported %n file: </numerusform>
            <numerusform>Exported %n files: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching sentence(s)</source>
        <translation>
            <numerusform>%n matching sentence</numerusform>
            <numerusform>%n matching sentences</numerusform>
        </translation>
    </message>
</context>
</TS>
