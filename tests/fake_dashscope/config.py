"""Every behaviour switch of the emulator, with the protocol reference's default.

Where ``shared/docs/dashscope-protocol.md`` marks a behaviour UNCONFIRMED (its
§10), the alternatives are an ``Enum`` here and the comment names the open
question, so a test can run the client against each variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta, timezone
from enum import StrEnum

from desktop.domain.catalog import Region


class AllFailedShape(StrEnum):
    """§10.2: the query body when no subtask succeeded."""

    FAILED_WITH_RESULTS = "failed-with-results"  # real 3P capture: FAILED + code + results
    SUCCEEDED_WITH_RESULTS = "succeeded-with-results"  # the docs' error example
    FAILED_WITHOUT_RESULTS = "failed-without-results"  # task-level code/message only


class QwenFailedShape(StrEnum):
    """Qwen doc §R.1/§D.1: the query body of a one-file Qwen3-ASR task whose file failed."""

    FAILED_AT_TASK_LEVEL = "failed-at-task-level"  # real capture: FAILED, output.code/message
    SUCCEEDED_WITH_FAILED_RESULT = "succeeded-with-failed-result"  # the docs' subtask shape


class RetiredAnswer(StrEnum):
    """How a submit to a retired model is refused (qwen doc §R.3; §10.12)."""

    ACCESS_DENIED = "access-denied"  # 403 Model.AccessDenied
    NOT_EXIST_400 = "not-exist-400"  # 400 InvalidParameter "Model not exist."
    NOT_EXIST_404 = "not-exist-404"  # 404, same body

    @property
    def answer(self) -> tuple[int, str, str]:
        if self is RetiredAnswer.ACCESS_DENIED:
            return 403, "Model.AccessDenied", "Model access denied."
        status = 400 if self is RetiredAnswer.NOT_EXIST_400 else 404
        return status, "InvalidParameter", "Model not exist."


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


class AccountRefusal(StrEnum):
    """Account states that refuse every submit, with the documented status and code."""

    ARREARAGE = "arrearage"  # 400 Arrearage
    UNPURCHASED = "unpurchased"  # 403 AccessDenied.Unpurchased
    FREE_TIER_ONLY = "free-tier-only"  # 403 AllocationQuota.FreeTierOnly
    QUOTA_EXCEEDED = "quota-exceeded"  # 429 Throttling.AllocationQuota

    @property
    def answer(self) -> tuple[int, str, str]:
        return {
            AccountRefusal.ARREARAGE: (
                400,
                "Arrearage",
                "Access denied, please make sure your account is in good standing.",
            ),
            AccountRefusal.UNPURCHASED: (
                403,
                "AccessDenied.Unpurchased",
                "Access to model denied. Please make sure you are eligible for using the model.",
            ),
            AccountRefusal.FREE_TIER_ONLY: (
                403,
                "AllocationQuota.FreeTierOnly",
                "The free tier of"
                " the model has been exhausted. If you wish to"
                " continue access the model on a paid basis, please"
                ' disable the "use free tier only" mode in the'
                " management console.",
            ),
            AccountRefusal.QUOTA_EXCEEDED: (
                429,
                "Throttling.AllocationQuota",
                "Allocated quota exceeded, please increase your quota limit.",
            ),
        }[self]


@dataclass
class EmulatorConfig:
    """Mutable at run time: tests flip switches between requests."""

    api_keys: set[str] = field(default_factory=lambda: {"sk-emulator"})
    # The host's region: Singapore offers only Fun-ASR and Qwen3-ASR; other models are refused.
    region: Region = Region.BEIJING
    # §10.8: the clock of the service's time strings; Beijing is UTC+8, Singapore unknown.
    utc_offset_hours: float = 8.0
    # §10.12: models already retired (403 Model.AccessDenied), e.g. {"paraformer-v1"}.
    retired_models: set[str] = field(default_factory=set)
    retired_answer: RetiredAnswer = RetiredAnswer.ACCESS_DENIED
    qwen_failed_shape: QwenFailedShape = QwenFailedShape.FAILED_AT_TASK_LEVEL
    # The account's standing: None, or a refusal every submit gets (§5.2).
    account_refusal: AccountRefusal | None = None
    task_timeout_s: float = 3 * 3600  # longer processing fails InternalError.Timeout
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
    # §10.5: files the model cannot take (over 12 h, over 2 GB, an 8 kHz model on
    # 16 kHz audio). The codes are inferred, not documented; False = accepted.
    media_rule_failures: bool = True
    too_long_code: str = "InvalidFile.AudioLengthExceeded"
    too_large_code: str = "InvalidFile.FileSizeExceeded"
    sample_rate_code: str = "InvalidFile.SampleRateNotSupported"
    # The compatible chat endpoint (qwen doc §B, §C): a reply takes chat_latency_s plus
    # completion tokens / chat_tokens_per_s (None: instant); each model's RPM is enforced
    # per second (RPM/60) times chat_rate_factor; a 429 carries Retry-After only when
    # chat_retry_after is set (undocumented, §D.9).
    chat_latency_s: float = 0.0
    chat_tokens_per_s: float | None = None
    chat_rate_factor: float = 1.0
    chat_retry_after: str | None = None

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(hours=self.utc_offset_hours))
