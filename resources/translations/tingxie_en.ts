<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n cues</source>
        <translation>
            <numerusform>%n cue</numerusform>
            <numerusform>%n cues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n errors</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warnings</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n forced by the speech — see why)</source>
        <translation>
            <numerusform>(%n forced by the speech — see why)</numerusform>
            <numerusform>(%n forced by the speech — see why)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>folder for %n files</source>
        <translation>
            <numerusform>folder for %n file</numerusform>
            <numerusform>folder for %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n files: </source>
        <translation>
            <numerusform>Exported %n file: </numerusform>
            <numerusform>Exported %n files: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>%n sentences</source>
        <translation>
            <numerusform>%n sentence</numerusform>
            <numerusform>%n sentences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n sentences</source>
        <translation>
            <numerusform>{0} of %n sentence</numerusform>
            <numerusform>{0} of %n sentences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching sentences</source>
        <translation>
            <numerusform>%n matching sentence</numerusform>
            <numerusform>%n matching sentences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Imported %n results into the library</source>
        <translation>
            <numerusform>Imported %n result into the library</numerusform>
            <numerusform>Imported %n results into the library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n media files waiting to be transcribed</source>
        <translation>
            <numerusform>%n media file waiting to be transcribed</numerusform>
            <numerusform>%n media files waiting to be transcribed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewJobDialog</name>
    <message numerus="yes">
        <source>Transcribe %n files</source>
        <translation>
            <numerusform>Transcribe %n file</numerusform>
            <numerusform>Transcribe %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files cannot be transcribed and will be left out.</source>
        <translation>
            <numerusform>%n file cannot be transcribed and will be left out.</numerusform>
            <numerusform>%n files cannot be transcribed and will be left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(+ %n files of unknown length)</source>
        <translation>
            <numerusform>(+ %n file of unknown length)</numerusform>
            <numerusform>(+ %n files of unknown length)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message numerus="yes">
        <source>%n files are still being transcribed. Quit now?</source>
        <translation>
            <numerusform>%n file is still being transcribed. Quit now?</numerusform>
            <numerusform>%n files are still being transcribed. Quit now?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show only failed (%n)</source>
        <translation>
            <numerusform>Show only failed (%n)</numerusform>
            <numerusform>Show only failed (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetryModelDialog</name>
    <message numerus="yes">
        <source>Retry %n jobs with this model:</source>
        <translation>
            <numerusform>Retry %n job with this model:</numerusform>
            <numerusform>Retry %n jobs with this model:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SubtitlePanel</name>
    <message numerus="yes">
        <source>Track {0} made: %n cue(s)</source>
        <translation>
            <numerusform>Track {0} made: %n cue</numerusform>
            <numerusform>Track {0} made: %n cues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cue(s)</source>
        <translation>
            <numerusform>%n cue</numerusform>
            <numerusform>%n cues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation>
            <numerusform>%n stale</numerusform>
            <numerusform>%n stale</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n translated</source>
        <translation>
            <numerusform>%n translated</numerusform>
            <numerusform>%n translated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n translation(s) stale</source>
        <translation>
            <numerusform>%n translation stale</numerusform>
            <numerusform>%n translations stale</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranslateDialog</name>
    <message numerus="yes">
        <source>Only %n chosen cue(s)</source>
        <translation>
            <numerusform>Only %n chosen cue</numerusform>
            <numerusform>Only %n chosen cues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cue(s) to translate</source>
        <translation>
            <numerusform>%n cue to translate</numerusform>
            <numerusform>%n cues to translate</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranslationLine</name>
    <message numerus="yes">
        <source>Translated “{0}” into {1}; %n cue(s) the service would not translate.</source>
        <translation>
            <numerusform>Translated “{0}” into {1}; %n cue the service would not translate.</numerusform>
            <numerusform>Translated “{0}” into {1}; %n cues the service would not translate.</numerusform>
        </translation>
    </message>
</context>
</TS>