from __future__ import annotations

from desktop.dashscope.options import SpecialWordFilter, TranscriptionOptions
from desktop.jobs import job_options


def test_options_survive_the_database_and_send_the_same_parameters() -> None:
    options = TranscriptionOptions(
        channel_id=(0, 1),
        language_hints=["zh", "en"],
        diarization_enabled=True,
        speaker_count=2,
        special_word_filter=SpecialWordFilter(mask_words=("机密",)),
    )
    stored = job_options.encode(options)
    again = job_options.decode(stored)
    assert again.to_parameters("paraformer-v2") == options.to_parameters("paraformer-v2")
    assert job_options.encode(again) == stored


def test_jobs_batch_together_only_with_identical_options() -> None:
    a = job_options.encode(TranscriptionOptions(language_hints=("zh", "en")))
    b = job_options.encode(TranscriptionOptions(language_hints=["zh", "en"]))
    c = job_options.encode(TranscriptionOptions(language_hints=("en",)))
    assert job_options.batch_key("paraformer-v2", a) == job_options.batch_key("paraformer-v2", b)
    assert job_options.batch_key("paraformer-v2", a) != job_options.batch_key("paraformer-v2", c)
    assert job_options.batch_key("paraformer-v2", a) != job_options.batch_key("fun-asr", a)
