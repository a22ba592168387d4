"""The UI's side of desktop/domain/messages.py: every template, and their translation.

The Qt-free layers say things as ``Message`` values (English text that keeps
its template and arguments). ``translated`` looks the template up under the
"Messages" context and fills in the same arguments, translating arguments
that are messages themselves ("2 h 05 min", "name not resolved"). Plain text
stored earlier (a job's error in the library) is recognised against the
templates listed here, so it is translated too. Text that matches nothing
(the service's own words) is shown as it is.

``CATALOGUE`` lists every template as a literal so lupdate collects it; the
test tests/ui/util/test_messages.py fails when a template made below ui/ is
missing here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.messages import Message, recognise, template
from desktop.domain.subtitle_presets import Preset

CONTEXT = "Messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for lupdate under ``context``; returns it unchanged."""
    return text


CATALOGUE: tuple[str, ...] = (
    QT_TRANSLATE_NOOP(
        "Messages",
        "that does not look like an API key (expected one word of 8 or more printable "
        "ASCII characters, like sk-…); copy it again from the Model Studio console",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "no system keyring is available (on Linux: gnome-keyring or KWallet with a "
        "running D-Bus session); set the {variable} environment variable for this "
        "session instead",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the only keyring available ({backend}) stores secrets in a plain file; set the "
        "{variable} environment variable for this session instead",
    ),
    QT_TRANSLATE_NOOP("Messages", "the keyring refused to store the key ({error})"),
    QT_TRANSLATE_NOOP("Messages", "{model} is not offered in the {region} region"),
    QT_TRANSLATE_NOOP(
        "Messages", "Pick a model offered in this region, or switch the region in Settings."
    ),
    QT_TRANSLATE_NOOP("Messages", "{model} does not accept {option}; models that do: {models}"),
    QT_TRANSLATE_NOOP("Messages", "any sample rate"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The service does not offer {model} in this region: pick another model, or "
        "activate it in the Model Studio console.",
    ),
    QT_TRANSLATE_NOOP("Messages", "10 hours each month"),
    QT_TRANSLATE_NOOP("Messages", "10 hours once, valid 180 days after approval"),
    QT_TRANSLATE_NOOP("Messages", "10 hours once (Beijing: 180 days, Singapore: 90 days)"),
    QT_TRANSLATE_NOOP(
        "Messages", "Video, live streams, calls and meetings; Chinese dialects, song lyrics"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "27 languages and dialects, with each sentence's language and emotion; the "
        "newest and cheapest",
    ),
    QT_TRANSLATE_NOOP("Messages", "SenseVoice covers 50+ other languages"),
    QT_TRANSLATE_NOOP("Messages", "{khz} kHz only"),
    QT_TRANSLATE_NOOP("Messages", "{khz} kHz or higher"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The service no longer offers {model}; it may have been retired. Retry the job "
        "with {replacement}, which replaces it.",
    ),
    QT_TRANSLATE_NOOP("Messages", "Video, live streams, calls and meetings; Mandarin and English"),
    QT_TRANSLATE_NOOP("Messages", "31 languages"),
    QT_TRANSLATE_NOOP("Messages", "Fun-ASR's multilingual model covers 31 languages"),
    QT_TRANSLATE_NOOP("Messages", "Qwen3-ASR reports each sentence's emotion and language"),
    QT_TRANSLATE_NOOP("Messages", "8 kHz phone audio is best sent to an 8k model as is"),
    QT_TRANSLATE_NOOP("Messages", "Paraformer v2 with the language set is most accurate"),
    QT_TRANSLATE_NOOP("Messages", "{language} is covered by Qwen3-ASR"),
    QT_TRANSLATE_NOOP("Messages", "Qwen3-ASR reports each sentence's emotion"),
    QT_TRANSLATE_NOOP("Messages", "Singapore offers Fun-ASR; it covers Chinese and English"),
    QT_TRANSLATE_NOOP("Messages", "Qwen3-ASR covers {language}"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the service does not accept {container} files (it takes {accepted}); "
        'convert it first, e.g. ffmpeg -i "{name}" "{stem}.flac"',
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{name}: the file has no audio track, so there is nothing to transcribe"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the file is {size}; the service takes files up to {limit}. Split it, "
        'or re-encode the audio alone (ffmpeg -i "{name}" -vn -ac 1 -b:a 64k out.m4a)',
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the recording is {length} long; {model} takes at most {limit} per "
        "file. Split it into parts",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the audio is {rate} kHz; {model} takes {takes}. Use {better} for this file",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the file has these audio channels: {existing}; channel {missing} does "
        "not exist. Choose from {existing}",
    ),
    QT_TRANSLATE_NOOP("Messages", "{minutes} min"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the recording is {length} long; {model} takes at most {limit} per "
        "file. Split it into parts, or use {other}, which has no length limit",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the audio is {rate} kHz; {model} takes {takes}. Use {better} for this "
        "file (8 kHz audio is best sent as it is, not resampled)",
    ),
    QT_TRANSLATE_NOOP("Messages", "{hours} h {minutes} min"),
    QT_TRANSLATE_NOOP("Messages", "Netflix English (USA)"),
    QT_TRANSLATE_NOOP(
        "Messages", "Netflix TTSG General Requirements + English (USA) guide; cps via Subtitle Edit"
    ),
    QT_TRANSLATE_NOOP("Messages", "Netflix Simplified Chinese"),
    QT_TRANSLATE_NOOP(
        "Messages", "Netflix TTSG General Requirements + Simplified Chinese (PRC) guide"
    ),
    QT_TRANSLATE_NOOP("Messages", "Netflix Japanese"),
    QT_TRANSLATE_NOOP(
        "Messages", "Netflix TTSG General Requirements + Japanese guide (horizontal)"
    ),
    QT_TRANSLATE_NOOP("Messages", "BBC online"),
    QT_TRANSLATE_NOOP("Messages", "BBC Subtitle Guidelines §3.1, §3.3, §4, §4.5"),
    QT_TRANSLATE_NOOP("Messages", "Vertical short video"),
    QT_TRANSLATE_NOOP(
        "Messages", "BBC Subtitle Guidelines §3.1 (25 characters at 9:16), §3.3 (3 lines), §4, §4.5"
    ),
    QT_TRANSLATE_NOOP("Messages", "One sentence per cue"),
    QT_TRANSLATE_NOOP("Messages", "transcript style: each sentence as the service cut it"),
    QT_TRANSLATE_NOOP("Messages", "{n} lines"),
    QT_TRANSLATE_NOOP("Messages", "{n} cps"),
    QT_TRANSLATE_NOOP("Messages", "{n} wpm"),
    QT_TRANSLATE_NOOP("Messages", "{low}–{high} s"),
    QT_TRANSLATE_NOOP("Messages", "gap ≥ {n} frames"),
    QT_TRANSLATE_NOOP("Messages", "gaps closed or ≥ {n} s"),
    QT_TRANSLATE_NOOP("Messages", "one sentence per cue"),
    QT_TRANSLATE_NOOP("Messages", "custom, based on {id}"),
    QT_TRANSLATE_NOOP("Messages", "{n} columns/line"),
    QT_TRANSLATE_NOOP("Messages", "{n} characters/line"),
    QT_TRANSLATE_NOOP("Messages", "{n} full-width characters/line"),
    QT_TRANSLATE_NOOP("Messages", "SubRip subtitles (.srt)"),
    QT_TRANSLATE_NOOP("Messages", "WebVTT subtitles (.vtt)"),
    QT_TRANSLATE_NOOP("Messages", "Advanced SubStation Alpha (.ass)"),
    QT_TRANSLATE_NOOP("Messages", "Plain text (.txt)"),
    QT_TRANSLATE_NOOP("Messages", "DashScope result JSON, corrected (.json)"),
    QT_TRANSLATE_NOOP("Messages", "WhisperX-style JSON (.whisperx.json)"),
    QT_TRANSLATE_NOOP("Messages", "CSV table (.csv)"),
    QT_TRANSLATE_NOOP("Messages", "Word document (.docx)"),
    QT_TRANSLATE_NOOP("Messages", "{problem}; next try in {delay}"),
    QT_TRANSLATE_NOOP("Messages", "name not resolved"),
    QT_TRANSLATE_NOOP("Messages", "connection refused"),
    QT_TRANSLATE_NOOP("Messages", "no network route"),
    QT_TRANSLATE_NOOP("Messages", "secure connection failed"),
    QT_TRANSLATE_NOOP("Messages", "the connection dropped"),
    QT_TRANSLATE_NOOP("Messages", "{host} did not answer in time"),
    QT_TRANSLATE_NOOP("Messages", "cannot reach {host}: {reason}"),
    QT_TRANSLATE_NOOP("Messages", "{host} asks to slow down ({code})"),
    QT_TRANSLATE_NOOP("Messages", "{host} answers {status} ({code})"),
    QT_TRANSLATE_NOOP("Messages", "{host} sent a reply that cannot be read"),
    QT_TRANSLATE_NOOP("Messages", "no connection"),
    QT_TRANSLATE_NOOP("Messages", "a server error"),
    QT_TRANSLATE_NOOP("Messages", "throttled"),
    QT_TRANSLATE_NOOP("Messages", "no code"),
    QT_TRANSLATE_NOOP("Messages", "an empty file"),
    QT_TRANSLATE_NOOP("Messages", "a text file"),
    QT_TRANSLATE_NOOP("Messages", "a web page (HTML)"),
    QT_TRANSLATE_NOOP("Messages", "data of an unknown kind"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: not a readable audio or video file; it is {kind} ({reason}). Check "
        "that it plays in a media player, or convert it with ffmpeg",
    ),
    QT_TRANSLATE_NOOP("Messages", "Simplified → Traditional"),
    QT_TRANSLATE_NOOP("Messages", "Simplified → Traditional (Taiwan)"),
    QT_TRANSLATE_NOOP("Messages", "Simplified → Traditional (Taiwan, with phrases)"),
    QT_TRANSLATE_NOOP("Messages", "Simplified → Traditional (Hong Kong)"),
    QT_TRANSLATE_NOOP("Messages", "Traditional → Simplified"),
    QT_TRANSLATE_NOOP("Messages", "Traditional (Taiwan) → Simplified"),
    QT_TRANSLATE_NOOP("Messages", "Traditional (Taiwan, with phrases) → Simplified"),
    QT_TRANSLATE_NOOP("Messages", "Traditional (Hong Kong) → Simplified"),
    QT_TRANSLATE_NOOP("Messages", "a PDF document"),
    QT_TRANSLATE_NOOP("Messages", "a ZIP archive (or an office document)"),
    QT_TRANSLATE_NOOP("Messages", "a PNG image"),
    QT_TRANSLATE_NOOP("Messages", "a JPEG image"),
    QT_TRANSLATE_NOOP("Messages", "a GIF image"),
    QT_TRANSLATE_NOOP("Messages", "Detect automatically"),
    QT_TRANSLATE_NOOP("Messages", "Chinese (Mandarin)"),
    QT_TRANSLATE_NOOP("Messages", "Cantonese"),
    QT_TRANSLATE_NOOP("Messages", "English"),
    QT_TRANSLATE_NOOP("Messages", "Japanese"),
    QT_TRANSLATE_NOOP("Messages", "Korean"),
    QT_TRANSLATE_NOOP("Messages", "German"),
    QT_TRANSLATE_NOOP("Messages", "French"),
    QT_TRANSLATE_NOOP("Messages", "Russian"),
    QT_TRANSLATE_NOOP("Messages", "Spanish"),
    QT_TRANSLATE_NOOP("Messages", "Italian"),
    QT_TRANSLATE_NOOP("Messages", "Portuguese"),
    QT_TRANSLATE_NOOP("Messages", "Indonesian"),
    QT_TRANSLATE_NOOP("Messages", "Malay"),
    QT_TRANSLATE_NOOP("Messages", "Vietnamese"),
    QT_TRANSLATE_NOOP("Messages", "Thai"),
    QT_TRANSLATE_NOOP("Messages", "Tagalog"),
    QT_TRANSLATE_NOOP("Messages", "Hindi"),
    QT_TRANSLATE_NOOP("Messages", "Arabic"),
    QT_TRANSLATE_NOOP("Messages", "Dutch"),
    QT_TRANSLATE_NOOP("Messages", "Swedish"),
    QT_TRANSLATE_NOOP("Messages", "Danish"),
    QT_TRANSLATE_NOOP("Messages", "Finnish"),
    QT_TRANSLATE_NOOP("Messages", "Norwegian"),
    QT_TRANSLATE_NOOP("Messages", "Greek"),
    QT_TRANSLATE_NOOP("Messages", "Polish"),
    QT_TRANSLATE_NOOP("Messages", "Czech"),
    QT_TRANSLATE_NOOP("Messages", "Hungarian"),
    QT_TRANSLATE_NOOP("Messages", "Romanian"),
    QT_TRANSLATE_NOOP("Messages", "Bulgarian"),
    QT_TRANSLATE_NOOP("Messages", "Croatian"),
    QT_TRANSLATE_NOOP("Messages", "Slovak"),
    QT_TRANSLATE_NOOP("Messages", "Turkish"),
    QT_TRANSLATE_NOOP("Messages", "Ukrainian"),
    QT_TRANSLATE_NOOP("Messages", "Hebrew"),
    QT_TRANSLATE_NOOP("Messages", "Persian"),
    QT_TRANSLATE_NOOP("Messages", "Catalan"),
    QT_TRANSLATE_NOOP("Messages", "Filipino"),
    QT_TRANSLATE_NOOP("Messages", "Icelandic"),
    # The translation models' target languages (domain/translation_models.py).
    QT_TRANSLATE_NOOP("Messages", "Chinese"),
    QT_TRANSLATE_NOOP("Messages", "Traditional Chinese"),
    QT_TRANSLATE_NOOP("Messages", "Burmese"),
    QT_TRANSLATE_NOOP("Messages", "Tamil"),
    QT_TRANSLATE_NOOP("Messages", "Urdu"),
    QT_TRANSLATE_NOOP("Messages", "Bengali"),
    QT_TRANSLATE_NOOP("Messages", "Khmer"),
    QT_TRANSLATE_NOOP("Messages", "Lao"),
    QT_TRANSLATE_NOOP("Messages", "Serbian"),
    QT_TRANSLATE_NOOP("Messages", "Telugu"),
    QT_TRANSLATE_NOOP("Messages", "Afrikaans"),
    QT_TRANSLATE_NOOP("Messages", "Armenian"),
    QT_TRANSLATE_NOOP("Messages", "Assamese"),
    QT_TRANSLATE_NOOP("Messages", "Asturian"),
    QT_TRANSLATE_NOOP("Messages", "Basque"),
    QT_TRANSLATE_NOOP("Messages", "Belarusian"),
    QT_TRANSLATE_NOOP("Messages", "Bosnian"),
    QT_TRANSLATE_NOOP("Messages", "Cebuano"),
    QT_TRANSLATE_NOOP("Messages", "Egyptian Arabic"),
    QT_TRANSLATE_NOOP("Messages", "Estonian"),
    QT_TRANSLATE_NOOP("Messages", "Galician"),
    QT_TRANSLATE_NOOP("Messages", "Georgian"),
    QT_TRANSLATE_NOOP("Messages", "Gujarati"),
    QT_TRANSLATE_NOOP("Messages", "Javanese"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Video and live streams; Mandarin, 18 dialects, English, Japanese, Korean, "
        "German, French, Russian",
    ),
    QT_TRANSLATE_NOOP("Messages", "Phone calls (8 kHz); Mandarin"),
    QT_TRANSLATE_NOOP("Messages", "Audio or video; Mandarin and English"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Audio or video, 16 kHz or higher; Mandarin, 15 dialects and nine other languages",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "50+ languages, with emotion (angry, happy, sad) and audio events (applause, "
        "music, laughter)",
    ),
    # The quality check's problems (subtitle_check.py, shot_rules.py).
    QT_TRANSLATE_NOOP("Messages", "columns"),
    QT_TRANSLATE_NOOP("Messages", "characters"),
    QT_TRANSLATE_NOOP("Messages", "full-width characters"),
    QT_TRANSLATE_NOOP("Messages", "line {number} is {width} {unit} long; the limit is {limit}"),
    QT_TRANSLATE_NOOP("Messages", "{count} lines; the limit is {limit}"),
    QT_TRANSLATE_NOOP("Messages", "on screen {seconds} s; the minimum is {limit} s"),
    QT_TRANSLATE_NOOP("Messages", "on screen {seconds} s; the maximum is {limit} s"),
    QT_TRANSLATE_NOOP("Messages", "{cps} characters/s; the limit is {limit}"),
    QT_TRANSLATE_NOOP("Messages", "{wpm} words/min; the limit is {limit}"),
    QT_TRANSLATE_NOOP("Messages", "the next cue starts {seconds} s before this one ends"),
    QT_TRANSLATE_NOOP(
        "Messages", "{distance} ms to the next cue; at least {frames} frames ({gap} ms) are needed"
    ),
    QT_TRANSLATE_NOOP("Messages", "a gap of {seconds} s: close it or leave at least {limit} s"),
    QT_TRANSLATE_NOOP(
        "Messages", "starts {frames} frames after a shot change; start it on the shot change"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "starts {frames} frames before a shot change; start it on the shot change"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "starts {frames} frames before a shot change; start it {half} frames before it"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "ends {frames} frames after a shot change; ending {gap} frames before it would "
        "make the cue too short, so end it {half} frames after it",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "ends {frames} frames before a shot change; ending {gap} frames before it would "
        "make the cue too short, so end it {half} frames after it",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "ends on a shot change; ending {gap} frames before it would make the cue too "
        "short, so end it {half} frames after it",
    ),
    QT_TRANSLATE_NOOP("Messages", "ends on a shot change; end it {gap} frames before it"),
    QT_TRANSLATE_NOOP(
        "Messages", "ends {frames} frames after a shot change; end it {gap} frames before it"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "ends {frames} frames before a shot change; end it {gap} frames before it"
    ),
    # The default advice of each DashScope error (desktop/dashscope/errors.py).
    QT_TRANSLATE_NOOP(
        "Messages", "Try again later; if it keeps happening, check the service status."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Check the API key in Settings and that it belongs to the selected region "
        "(Beijing and Singapore keys are different).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The service is limiting the request rate; wait a minute and try again."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "Change the options or the file named in the message and submit again."
    ),
    QT_TRANSLATE_NOOP("Messages", "The item no longer exists on the service; refresh the list."),
    QT_TRANSLATE_NOOP(
        "Messages", "Submit fewer files per task; the client can split them for you."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Pick another model, or activate this model in the Model Studio console for "
        "the selected region.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Top up the account or raise the quota in the Model Studio console, then try again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The service had an internal problem; try again in a few minutes."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "Check the internet connection (and proxy settings), then try again."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The service did not answer in time; check the connection and try again."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The task is still running on the service; check again later - it is not lost."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The result link has expired (results are kept 24 hours); query the task "
        "again for a fresh link, or transcribe the file again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The service sent a reply the app cannot read; try again, and report it if it repeats.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The service sent a broken result for this file; retry the job, and report "
        "it if it repeats.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The upload permission expired; the upload will be retried with a new one."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "Change the option named in the message, or choose a model that supports it."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The service refused to translate this text; translate it by hand or reword it.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The answer was cut off at the model's limit; send less text at once."
    ),
    # Options refused before any request (desktop/dashscope/options.py).
    QT_TRANSLATE_NOOP("Messages", "{name} must be a non-empty id"),
    QT_TRANSLATE_NOOP("Messages", "{name} must be true or false"),
    QT_TRANSLATE_NOOP("Messages", "channel_id must list track numbers from 0 up, got {values}"),
    QT_TRANSLATE_NOOP("Messages", "channel_id lists a track twice: {values}"),
    QT_TRANSLATE_NOOP("Messages", "language_hints must be a list of codes, not a string"),
    QT_TRANSLATE_NOOP("Messages", "language_hints is empty; leave it unset instead"),
    QT_TRANSLATE_NOOP(
        "Messages", "{model} does not know these language codes: {codes}; it accepts: {accepted}"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "too many language hints for {model}: {count} given, the limit is {limit}"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "speaker_count must be a whole number from {low} to {high}, got {count}"
    ),
    QT_TRANSLATE_NOOP("Messages", "speaker_count has no effect unless diarization_enabled is on"),
    QT_TRANSLATE_NOOP(
        "Messages", "special_word_filter must be a JSON object as text (e.g. {example})"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "speech_noise_threshold must be a number from {low} to {high}, got {value}"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{model} does not know the language code {code}; it accepts: "
        "{accepted} (or leave the language unset to detect it)",
    ),
    QT_TRANSLATE_NOOP("Messages", "context_text must be text"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "context_text is {count} characters long; at most {limit} are sent. "
        "Keep the names and terms that matter.",
    ),
)

for _text in CATALOGUE:
    template(_text)


def translated(text: str | None) -> str:
    """``text`` in the UI language when it is (or was made from) a known message."""
    if not text:
        return text or ""
    message = recognise(text)
    if message is None:
        return str(text)
    return fill(message)


def fill(message: Message) -> str:
    """The translated template of ``message`` with its (translated) arguments filled in."""
    args = {
        name: translated(value) if isinstance(value, str) else value
        for name, value in message.args.items()
    }
    pattern = QCoreApplication.translate(CONTEXT, message.template)
    try:
        return pattern.format(**args)
    except (KeyError, IndexError, ValueError):
        # A translation that lost a placeholder must not hide the message.
        return message.template.format(**args)


def rules_text(preset: Preset) -> str:
    """A preset's rules in one line, each rule in the UI language."""
    return QCoreApplication.translate("Messages", ", ").join(
        fill(part) for part in preset.rule_parts()
    )
