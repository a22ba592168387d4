"""What a new user sees: the welcome page of the empty editor area and the no-key banner.

With no key the app still opens fully: the library, the editor and the
bundled sample all work offline. The banner says what the key is for and
where to get one; it goes away as soon as a key is stored.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.dialogs.settings import CONSOLE_BEIJING, CONSOLE_INTERNATIONAL


class KeyBanner(QFrame):
    """A strip above the panels while no API key is set.

    Signals:
        settings_requested()
        sample_requested()
    """

    settings_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.text = QLabel(self)
        self.text.setObjectName("keyBannerText")
        self.text.setWordWrap(True)
        self.enter_key = QPushButton(self)
        self.enter_key.setObjectName("enterKey")
        self.enter_key.clicked.connect(self.settings_requested)
        self.open_sample = QPushButton(self)
        self.open_sample.setObjectName("bannerOpenSample")
        self.open_sample.clicked.connect(self.sample_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.enter_key)
        row.addWidget(self.open_sample)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(
            self.tr(
                "No DashScope API key yet. The library, the editor and the sample work without"
                " one; to transcribe your own files, enter a key."
            )
        )
        self.enter_key.setText(self.tr("Enter API key…"))
        self.open_sample.setText(self.tr("Open the sample"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class WelcomePage(QWidget):
    """The editor area while no item is open: how to start, in three steps.

    Signals:
        settings_requested()
        sample_requested()
    """

    settings_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.title = QLabel(self)
        self.steps = QLabel(self)
        self.steps.setObjectName("welcomeSteps")
        self.steps.setWordWrap(True)
        self.steps.setOpenExternalLinks(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.enter_key = QPushButton(self)
        self.enter_key.setObjectName("welcomeEnterKey")
        self.enter_key.clicked.connect(self.settings_requested)
        self.open_sample = QPushButton(self)
        self.open_sample.setObjectName("openSample")
        self.open_sample.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.enter_key)
        buttons.addWidget(self.open_sample)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 24, 24, 24)
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.steps)
        column.addLayout(buttons)
        column.addSpacing(24)
        column.addWidget(self.hint)
        column.addStretch(2)
        self._has_key = False
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("<h2>Welcome to Tingxie</h2>"))
        if self._has_key:
            # A key is in use: no step asks to create one.
            self.steps.setText(
                self.tr(
                    "<ol>"
                    "<li>Drop audio or video files on this window, or use"
                    " <b>File → Transcribe files…</b>.</li>"
                    "<li>Finished transcripts appear in the library; open one to listen,"
                    " correct and export subtitles.</li>"
                    "</ol>"
                )
            )
        else:
            self._show_key_steps()
        self.hint.setText(self.tr("Drop audio or video files here to transcribe them."))
        self.enter_key.setText(self.tr("Enter API key…"))
        self.open_sample.setText(self.tr("Open the sample"))
        self.open_sample.setToolTip(
            self.tr("A ten-second recording with its transcript: try the editor and export now.")
        )

    def _show_key_steps(self) -> None:
        self.steps.setText(
            self.tr(
                "<ol>"
                "<li>Create a DashScope API key in the Model Studio (百炼) console:"
                ' <a href="{0}">China (Beijing)</a> or'
                ' <a href="{1}">International (Singapore)</a>.</li>'
                "<li>Enter it in <b>Tools → Settings</b>; it is kept in the system keyring.</li>"
                "<li>Drop audio or video files on this window. Finished transcripts appear in"
                " the library; open one to listen, correct and export subtitles.</li>"
                "</ol>"
            ).format(CONSOLE_BEIJING, CONSOLE_INTERNATIONAL)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_has_key(self, has_key: bool) -> None:
        self.enter_key.setVisible(not has_key)
        self._has_key = has_key
        self.retranslate()
