"""Settings: the API key (OS keyring only), endpoint, defaults for new jobs, concurrency, language.

The key goes from the password field straight to the keyring through
``desktop.dashscope.credentials``; it is never put in ``Settings`` and so
never reaches ``settings.json``. Without a keyring the dialog says so and
offers to use the key for this session only (``DASHSCOPE_API_KEY`` in this
process's environment, gone when the app quits).

The keyring is asked only on a worker thread (a locked one may wait for its
unlock prompt). ``DASHSCOPE_API_KEY`` and ``TINGXIE_ENDPOINT`` set in the
environment win over what is chosen here, as on the command line
(``desktop.connection``): the dialog says "set by …" and locks those fields.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.connection import ENDPOINT_VAR, EndpointChoiceError, choose_endpoint, models_region
from desktop.connection import endpoint_override as environment_endpoint
from desktop.dashscope import credentials
from desktop.dashscope.errors import OptionRefused
from desktop.dashscope.options import check_language_hints
from desktop.domain import catalog
from desktop.logs import remember_secret
from desktop.settings import (
    CONCURRENCY_RANGE,
    Settings,
    SettingsError,
    check_endpoint_url,
    load_settings,
    save_settings,
    validate,
)
from desktop.ui.dialogs.translation_settings import TranslationGroup
from desktop.ui.util.background import Work, run_coroutine, run_in_thread
from desktop.ui.util.messages import translated
from desktop.ui.util.model_combo import ModelComboBox

CONSOLE_BEIJING = "https://bailian.console.aliyun.com/?apiKey=1"
CONSOLE_INTERNATIONAL = "https://modelstudio.console.alibabacloud.com/?apiKey=1"

_REGIONS = (
    (QT_TRANSLATE_NOOP("SettingsDialog", "China (Beijing)"), "beijing"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "International (Singapore)"), "singapore"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Custom address (proxy)"), "custom"),
)
LANGUAGES = (
    (QT_TRANSLATE_NOOP("SettingsDialog", "Same as the system"), ""),
    ("English", "en"),
    ("简体中文", "zh_CN"),
)


async def try_api_key(endpoint_url: str, api_key: str | None) -> tuple[bool, str] | None:
    """The "Test key" button's work: one cheap authenticated call; (works, message).

    ``api_key`` ``None``: the key in force, read on a worker thread (the
    keyring may wait); ``None`` back when there is none after all.
    """
    from desktop.dashscope.key_check import check_api_key  # httpx loads only when used

    if api_key is None:
        api_key = await asyncio.to_thread(credentials.load_api_key)
        if not api_key:
            return None
    result = await check_api_key(endpoint_url, api_key)
    return result.ok, result.message


@dataclass(frozen=True)
class KeyLookup:
    """What the keyring said, on a worker thread: the key in force and why none can be stored."""

    number: int
    status: credentials.KeyStatus
    keyring_problem: str | None


def look_up_key(number: int) -> KeyLookup:
    return KeyLookup(number, credentials.key_status(), credentials.keyring_problem())


def store_key(key: str) -> Exception | None:
    """Store ``key`` in the keyring (on a worker thread): the user-facing error, if any."""
    try:
        credentials.store_api_key(key)
    except (credentials.InvalidKeyError, credentials.KeyringUnavailableError) as error:
        return error
    return None


class SettingsDialog(QDialog):
    """Edits ``settings.json`` and the keyring entry.

    Signals:
        saved(Settings): what was saved (the key, if typed, is in the keyring by then).
    """

    saved = Signal(Settings)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = load_settings()
        self._key_lookups = self._key_answered = 0
        self._key: KeyLookup | None = None  # the latest answer of the keyring
        self._pending = self.settings  # what OK saves once the keyring has stored the key
        self.key_test: Work[tuple[bool, str] | None] | None = None  # cancelled at close
        column = QVBoxLayout(self)
        column.addWidget(self._key_group())
        column.addWidget(self._endpoint_group())
        column.addWidget(self._defaults_group())
        column.addWidget(self._app_group())
        self.translation = TranslationGroup(self)
        column.addWidget(self.translation)
        self.problem = QLabel(self)
        self.problem.setObjectName("settingsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b")
        self.problem.hide()
        column.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._load(self.settings)
        self._refresh_key_status()

    # -- the API key -----------------------------------------------------------

    def _key_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("DashScope API key"), self)
        self.key_status = QLabel(group)
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        self.key_edit = QLineEdit(group)
        self.key_edit.setObjectName("apiKey")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste a new key here (sk-…)"))
        self.key_edit.textChanged.connect(self._key_text_changed)
        self.test_result = QLabel(group)
        self.test_result.setObjectName("keyTestResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QVBoxLayout(group)
        form.addWidget(self.key_status)
        form.addWidget(self.key_edit)
        form.addLayout(self._key_buttons(group))
        form.addWidget(self.test_result)
        form.addWidget(self._key_help(group))
        return group

    def _key_buttons(self, group: QWidget) -> QHBoxLayout:
        self.test_button = QPushButton(self.tr("Test key"), group)
        self.test_button.setObjectName("testKey")
        self.test_button.clicked.connect(self.start_key_test)
        self.remove_button = QPushButton(self.tr("Remove stored key"), group)
        self.remove_button.setObjectName("removeKey")
        self.remove_button.clicked.connect(self.remove_key)
        self.session_button = QPushButton(self.tr("Use for this session only"), group)
        self.session_button.setObjectName("sessionKey")
        self.session_button.setToolTip(
            self.tr("Sets DASHSCOPE_API_KEY inside Tingxie until it quits; nothing is saved.")
        )
        self.session_button.clicked.connect(self.use_key_for_session)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.remove_button, self.session_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def _key_help(self, group: QWidget) -> QLabel:
        help_text = QLabel(
            self.tr(
                "Create a key in the Model Studio (百炼) console under API-KEY:"
                ' <a href="{0}">China (Beijing)</a> or'
                ' <a href="{1}">International (Singapore)</a>. A key works only in its region.'
                " It is kept in the system keyring, never in a file."
            ).format(CONSOLE_BEIJING, CONSOLE_INTERNATIONAL),
            group,
        )
        help_text.setObjectName("keyHelp")
        help_text.setWordWrap(True)
        help_text.setOpenExternalLinks(True)
        return help_text

    def _refresh_key_status(self) -> None:
        """Ask the keyring for the key in force, on a worker thread; shown when it answers."""
        self._key_lookups += 1
        number = self._key_lookups
        if self._key is None:
            self.key_status.setText(self.tr("Looking for a stored key…"))
        self.remove_button.setEnabled(False)
        run_in_thread(
            self,
            lambda: look_up_key(number),
            self._show_key_status,
            lambda error: self._show_key_status(_failed_lookup(number, error)),
        )

    def key_state_known(self) -> bool:
        """The key status shows the latest lookup's answer (tests wait for it)."""
        return self._key_answered == self._key_lookups

    def _show_key_status(self, answer: KeyLookup) -> None:
        if answer.number != self._key_lookups:
            return  # a newer lookup is on its way
        self._key_answered = answer.number
        self._key = answer
        status, problem = answer.status, answer.keyring_problem
        self.keyring_available = problem is None
        from_environment = status.source == "environment"
        if from_environment:
            text = self.tr(
                "Set by DASHSCOPE_API_KEY ({0}): that key is used while the variable is set;"
                " unset it and restart Tingxie to use a key entered here."
            ).format(status.masked)
        elif status.source == "session":
            text = self.tr("Using the key entered for this session only ({0}).").format(
                status.masked
            )
        elif status.source == "keyring":
            text = self.tr("A key is stored in the system keyring ({0}): {1}").format(
                status.keyring, status.masked
            )
        else:
            text = self.tr("No key yet: paste one below to transcribe files.")
        if problem is not None and not from_environment:
            text += "\n" + self.tr(
                "A key cannot be stored here: {0}. Paste it and press “Use for this session"
                " only”, or start Tingxie with DASHSCOPE_API_KEY set."
            ).format(translated(problem))
        self.key_status.setText(text)
        # The answer came after the dialog was sized; the timer dies with the dialog.
        QTimer.singleShot(0, self, self._fit_height)
        if from_environment:
            self.key_edit.clear()  # typed before the answer came: it would not be used
        self.key_edit.setReadOnly(from_environment)
        self.key_edit.setPlaceholderText(
            self.tr("Set by DASHSCOPE_API_KEY")
            if from_environment
            else self.tr("Paste a new key here (sk-…)")
        )
        self.remove_button.setEnabled(status.source == "keyring")
        self.session_button.setVisible(not self.keyring_available and not from_environment)
        self.session_button.setEnabled(bool(self.key_edit.text().strip()))

    def _key_text_changed(self, text: str) -> None:
        self.session_button.setEnabled(bool(text.strip()))
        self.test_result.clear()

    def remove_key(self) -> None:
        """Remove the stored key (on a worker thread: the keyring may wait)."""
        self.remove_button.setEnabled(False)
        run_in_thread(
            self,
            credentials.clear_api_key,
            lambda _done: self._key_removed(None),
            self._key_removed,
        )

    def _key_removed(self, error: Exception | None) -> None:
        if error is not None:
            self.test_result.setText(
                self.tr("The keyring did not remove the key: {0}").format(error)
            )
        else:
            self.test_result.setText(self.tr("The stored key was removed from the keyring."))
        self._refresh_key_status()

    def use_key_for_session(self) -> None:
        """Keep the typed key in this process's environment only."""
        try:
            credentials.use_for_session(self.key_edit.text())
        except credentials.InvalidKeyError as error:
            self._show_problem(str(error))
            return
        self.key_edit.clear()
        self.test_result.setText(self.tr("The key will be used until Tingxie quits."))
        self._refresh_key_status()

    def start_key_test(self) -> None:
        """Test the typed key, else the one in force, against the endpoint chosen above."""
        typed = self.key_edit.text().strip()
        key: str | None = None
        self._shape_warning = ""
        if typed and not self.key_edit.isReadOnly():
            try:
                key = credentials.checked_key(typed)
            except credentials.InvalidKeyError as error:
                if not _sendable(typed):  # cannot even go into a request header
                    self.test_result.setText(translated(str(error)))
                    return
                key = typed  # odd, but the queue would use it: test it, with a warning
                remember_secret(key)
            if not key.startswith("sk-"):
                self._shape_warning = self.tr(
                    "This does not look like a DashScope key (they start with sk-);"
                    " it is tested anyway."
                )
        elif self._key is not None and self._key.status.source == "none":
            self.test_result.setText(self._no_key_to_test())
            return
        try:
            url = self._endpoint_url()
        except (SettingsError, EndpointChoiceError) as error:
            self._show_problem(str(error))
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing the key…"))
        self.key_test = run_coroutine(
            self, lambda: try_api_key(url, key), self._show_test_result, self._test_failed
        )

    def _no_key_to_test(self) -> str:
        return self.tr("There is no key to test; paste one first.")

    def _test_failed(self, error: Exception) -> None:
        self._show_test_result(
            (False, self.tr("The test failed: {0}").format(type(error).__name__))
        )

    def _show_test_result(self, result: tuple[bool, str] | None) -> None:
        """The test's verdict; ``None``: there was no key to test after all."""
        self.test_button.setEnabled(True)
        ok, message = result if result is not None else (False, self._no_key_to_test())
        self.test_result.setStyleSheet("color: #1e8449" if ok else "color: #c0392b")
        warning = getattr(self, "_shape_warning", "")
        self.test_result.setText(f"{warning}\n{message}" if warning else message)

    # -- endpoint --------------------------------------------------------------

    def _endpoint_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Service endpoint"), self)
        form = QFormLayout(group)
        self.region = QComboBox(group)
        self.region.setObjectName("region")
        for text, value in _REGIONS:
            self.region.addItem(self.tr(text), value)
        self.custom_url = QLineEdit(group)
        self.custom_url.setObjectName("customUrl")
        self.custom_url.setPlaceholderText("https://proxy.example.com/api/v1")
        self.endpoint_note = QLabel(group)
        self.endpoint_note.setObjectName("endpointNote")
        self.endpoint_note.setWordWrap(True)
        self.region.currentIndexChanged.connect(self._region_changed)
        self.custom_url.textChanged.connect(self._check_custom_url)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Address"), self.custom_url)
        form.addRow("", self.endpoint_note)
        return group

    def _region_changed(self) -> None:
        custom = self.region.currentData() == "custom"
        self.custom_url.setEnabled(custom and environment_endpoint() is None)
        self._check_custom_url()
        self._fill_models(self.default_model.currentData())

    def _check_custom_url(self) -> None:
        in_force = environment_endpoint()
        try:
            url = self._endpoint_url()
        except (SettingsError, EndpointChoiceError) as error:
            self.endpoint_note.setText(str(error))
            return
        if in_force is not None:
            self.endpoint_note.setText(
                self.tr(
                    "Set by {0}: requests go to {1}. Unset the variable and restart Tingxie"
                    " to use the region chosen here."
                ).format(ENDPOINT_VAR, url)
            )
            return
        self.endpoint_note.setText(self.tr("Requests go to {0}").format(url))

    def _endpoint_url(self) -> str:
        """Where a request goes: ``TINGXIE_ENDPOINT`` if set, else the region chosen above."""
        if environment_endpoint() is not None:
            return choose_endpoint().endpoint.base_url
        if self.region.currentData() == "custom":
            return check_endpoint_url(self.custom_url.text())
        return self._collect().endpoint_url()

    def _models_region(self) -> catalog.Region | None:
        """The region whose models are offered: the environment's endpoint's, if one is set."""
        return models_region(self._collect_region_only())

    # -- defaults for new jobs -------------------------------------------------

    def _defaults_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Defaults for new jobs"), self)
        form = QFormLayout(group)
        self.default_model = ModelComboBox(group)
        self.default_model.setObjectName("defaultModel")
        self.default_model.currentIndexChanged.connect(self._model_changed)
        self.language_hints = QLineEdit(group)
        self.language_hints.setObjectName("languageHints")
        self.language_hints.setPlaceholderText(self.tr("e.g. zh, en (empty: detect)"))
        self.diarization = QCheckBox(self.tr("Tell speakers apart (diarization)"), group)
        self.diarization.setObjectName("diarization")
        self.disfluency = QCheckBox(self.tr("Remove filler words (um, uh)"), group)
        self.disfluency.setObjectName("disfluency")
        form.addRow(self.tr("Model"), self.default_model)
        form.addRow(self.tr("Language hints"), self.language_hints)
        form.addRow("", self.diarization)
        form.addRow("", self.disfluency)
        return group

    def _fill_models(self, keep: str | None) -> None:
        self.default_model.fill(self._models_region(), keep)
        self._model_changed()

    def _model_changed(self) -> None:
        name = self.default_model.currentData()
        if not name:
            return
        spec = catalog.get(name)
        self.language_hints.setEnabled(bool(spec.language_hints))
        self.language_hints.setToolTip(", ".join(spec.language_hints))
        self.diarization.setEnabled(catalog.Option.DIARIZATION in spec.options)
        self.disfluency.setEnabled(catalog.Option.DISFLUENCY_REMOVAL in spec.options)

    # -- the app ---------------------------------------------------------------

    def _app_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Tingxie"), self)
        form = QFormLayout(group)
        self.upload_concurrency = _spin(group, "uploadConcurrency")
        self.poll_concurrency = _spin(group, "pollConcurrency")
        self.language = QComboBox(group)
        self.language.setObjectName("uiLanguage")
        for text, value in LANGUAGES:
            self.language.addItem(self.tr(text), value)
        data_dir = str(paths.data_dir())
        self.data_dir = QLabel(data_dir, group)
        self.data_dir.setObjectName("dataDir")
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_folder = QPushButton(self.tr("Open folder"), group)
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(data_dir)))
        where = QHBoxLayout()
        where.addWidget(self.data_dir, 1)
        where.addWidget(open_folder)
        form.addRow(self.tr("Uploads at once"), self.upload_concurrency)
        form.addRow(self.tr("Status checks and downloads at once"), self.poll_concurrency)
        self.click_plays = QCheckBox(self.tr("Clicking a word plays from it"), group)
        self.click_plays.setObjectName("clickPlays")
        self.click_plays.setToolTip(self.tr("Off: a click only moves the playhead to the word"))
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Editor"), self.click_plays)
        form.addRow(self.tr("Data folder"), where)
        return group

    # -- loading and saving ----------------------------------------------------

    def _load(self, settings: Settings) -> None:
        self.region.setCurrentIndex(max(self.region.findData(settings.region), 0))
        self.custom_url.setText(settings.custom_url)
        locked = environment_endpoint() is not None  # TINGXIE_ENDPOINT decides, not this choice
        self.region.setEnabled(not locked)
        self.custom_url.setEnabled(settings.region == "custom" and not locked)
        self._fill_models(settings.default_model)
        self.language_hints.setText(", ".join(settings.language_hints))
        self.diarization.setChecked(settings.diarization_enabled)
        self.disfluency.setChecked(settings.disfluency_removal_enabled)
        self.upload_concurrency.setValue(settings.upload_concurrency)
        self.poll_concurrency.setValue(settings.poll_concurrency)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.translation.load(settings)
        self.click_plays.setChecked(settings.click_plays)
        self._check_custom_url()

    def _collect_region_only(self) -> Settings:
        return Settings(region=self.region.currentData() or "beijing")

    def _collect(self) -> Settings:
        name = self.default_model.currentData() or Settings().default_model
        spec = catalog.get(name)
        collected = Settings(
            region=self.region.currentData(),
            custom_url=self.custom_url.text().strip(),
            default_model=name,
            language_hints=_hints(self.language_hints.text()) if spec.language_hints else (),
            diarization_enabled=self.diarization.isChecked() and self.diarization.isEnabled(),
            disfluency_removal_enabled=self.disfluency.isChecked() and self.disfluency.isEnabled(),
            upload_concurrency=self.upload_concurrency.value(),
            poll_concurrency=self.poll_concurrency.value(),
            language=self.language.currentData(),
            click_plays=self.click_plays.isChecked(),
        )
        return self.translation.applied(collected, self.settings)

    def accept(self) -> None:
        """Save the settings and the typed key; stay open with the reason if either fails."""
        settings = self._collect()
        try:
            validate(settings)
            _check_hints(settings)
        except SettingsError as error:
            self._show_problem(str(error))
            return
        key = self.key_edit.text().strip()
        if key and not self.key_edit.isReadOnly():
            self.buttons.setEnabled(False)  # until the keyring has answered
            self._pending = settings
            run_in_thread(self, lambda: store_key(key), self._key_stored)
            return
        self._save(settings)

    def _key_stored(self, error: Exception | None) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, credentials.KeyringUnavailableError):
            self._show_problem(
                self.tr("{0}. Press “Use for this session only” to use the key now.").format(error)
            )
            self._refresh_key_status()
        elif isinstance(error, Exception):
            self._show_problem(str(error))
        else:
            self.key_edit.clear()
            self._save(self._pending)

    def _save(self, settings: Settings) -> None:
        save_settings(settings)
        self.settings = settings
        self.saved.emit(settings)
        super().accept()

    def _fit_height(self) -> None:
        """Grow to show every wrapped line: a label longer than the first layout is clipped."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(translated(text))
        self.problem.show()


def _spin(parent: QWidget, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(*CONCURRENCY_RANGE)
    return spin


def _hints(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace("，", ",").split(",") if part.strip())


def _check_hints(settings: Settings) -> None:
    """The request's own rule (``check_language_hints``), said as a settings problem."""
    if not settings.language_hints:
        return
    try:
        check_language_hints(settings.language_hints, catalog.get(settings.default_model))
    except OptionRefused as error:
        raise SettingsError(error.message) from None


def _failed_lookup(number: int, error: Exception) -> KeyLookup:
    """A keyring failure ``keyring`` does not wrap: no key, and why."""
    reason = str(error) or type(error).__name__
    return KeyLookup(number, credentials.KeyStatus("none", None, type(error).__name__), reason)


def _sendable(key: str) -> bool:
    """Whether ``key`` can go in an Authorization header at all (printable ASCII, no spaces)."""
    return bool(key) and all("\x21" <= c <= "\x7e" for c in key)
