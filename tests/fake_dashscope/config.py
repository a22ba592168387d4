"""Every behaviour switch of the emulator, with the protocol reference's default.

Where ``shared/docs/dashscope-protocol.md`` marks a behaviour UNCONFIRMED (its
§10), the alternatives are an ``Enum`` here and the comment names the open
question, so a test can run the client against each variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class AllFailedShape(StrEnum):
    """§10.2: the query body when no subtask succeeded."""

    FAILED_WITH_RESULTS = "failed-with-results"  # real 3P capture: FAILED + code + results
    SUCCEEDED_WITH_RESULTS = "succeeded-with-results"  # the docs' error example
    FAILED_WITHOUT_RESULTS = "failed-without-results"  # task-level code/message only


class OverLimitResponse(StrEnum):
    """§10.1: how a submit with more file URLs than the limit is refused."""

    INVALID_PARAMETER = "invalid-parameter"  # 400 InvalidParameter
    BAD_REQUEST_TOO_LARGE = "bad-request"  # 400 BadRequest.TooLarge


class InvalidOptionResponse(StrEnum):
    """§10.6: an option value the model refuses (speaker_count 1, foreign vocabulary…)."""

    SUBMIT_400 = "submit-400"  # 400 InvalidParameter at submit
    SUBTASK_FAILED = "subtask-failed"  # accepted; every subtask FAILED InvalidParameter
    IGNORED = "ignored"  # accepted and ignored


class OssWithoutResolve(StrEnum):
    """§10.11: an ``oss://`` URL submitted without ``X-DashScope-OssResourceResolve``."""

    DOWNLOAD_FAILED = "download-failed"  # subtask InvalidFile.DownloadFailed
    SUBMIT_400 = "submit-400"  # 400 InvalidParameter "The provided URL does not appear ..."


class NoSpeechLevel(StrEnum):
    """§10.14: where "no speech" is reported."""

    SUBTASK = "subtask"  # subtask FAILED SUCCESS_WITH_NO_VALID_FRAGMENT
    TASK = "task"  # task FAILED, output.code, no results (when every file is silent)


@dataclass
class EmulatorConfig:
    """Mutable at run time: tests flip switches between requests."""

    api_keys: set[str] = field(default_factory=lambda: {"sk-emulator"})
    # Audio seconds processed per clock second; processing time = duration / speed.
    processing_speed: float = 600.0
    # When set, every task runs exactly this long (benchmarks want a fixed time).
    fixed_processing_s: float | None = None
    pending_s: float = 0.2  # PENDING before RUNNING
    max_files_per_task: int = 100  # §10.1; 1 = strict mode of the 2026 docs
    over_limit_response: OverLimitResponse = OverLimitResponse.INVALID_PARAMETER
    all_failed_shape: AllFailedShape = AllFailedShape.FAILED_WITH_RESULTS
    invalid_option_response: InvalidOptionResponse = InvalidOptionResponse.SUBMIT_400
    oss_without_resolve: OssWithoutResolve = OssWithoutResolve.DOWNLOAD_FAILED
    no_speech_level: NoSpeechLevel = NoSpeechLevel.SUBTASK
    no_speech_code: str = "SUCCESS_WITH_NO_VALID_FRAGMENT"  # or ASR_RESPONSE_HAVE_NO_WORDS
    running_partial_results: bool = False  # §10.4
    request_id_header: str | None = None  # §10.10, e.g. "x-request-id"
    usage_on_failed: bool = False  # §10.2
    # Singapore quirk (§1.1): without a parameters object the task fails at query time.
    require_parameters_object: bool = False
    rate_limits: bool = True  # per-model submit RPS, shared 20 QPS for query/list/cancel
    rate_limit_factor: float = 1.0  # multiply every limit (benchmarks of many threads)
    policy_expire_s: int = 300
    max_upload_mb: int = 100  # getPolicy's max_file_size_mb
    store_uploads: bool = True  # False: count and discard (1 GB upload benchmarks)
    oss_url_lifetime_s: int = 48 * 3600
    result_url_lifetime_s: int = 24 * 3600
    task_retention_s: int = 24 * 3600
    expired_result_urls: bool = False  # fault: every signed result URL is already stale
    max_vocabularies: int = 10
    max_vocabulary_words: int = 500
    vocabulary_deploy_s: float = 0.0  # UNDEPLOYED for this long after create/update
    allow_external_fetch: bool = False  # fetch non-loopback file URLs (never in tests)
    fetch_timeout_s: float = 10.0
    latency_s: float = 0.0  # added to every API response
