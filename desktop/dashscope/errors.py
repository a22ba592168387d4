"""Typed errors of the DashScope client, each with a sentence telling the user what to do.

The service reports synchronous failures as an HTTP status plus
``{"request_id", "code", "message"}``; :func:`error_from_response` turns that
into the matching class. No error ever holds the API key: errors are built
only from response bodies, status codes and URLs, never from request headers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, ClassVar

from desktop.domain.messages import template

if TYPE_CHECKING:
    from desktop.dashscope.wire import TaskInfo


class DashScopeError(Exception):
    """A failure talking to DashScope (or refused locally before talking)."""

    default_advice: ClassVar[str] = template(
        "Try again later; if it keeps happening, check the service status."
    )
    retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        request_id: str | None = None,
        status: int | None = None,
        advice: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.request_id = request_id
        self.status = status
        self.advice = advice or self.default_advice

    def __str__(self) -> str:
        head = f"{self.code}: {self.message}" if self.code else self.message
        parts = [head]
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.request_id:
            parts.append(f"request {self.request_id}")
        return " · ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, "
            f"status={self.status!r}, request_id={self.request_id!r})"
        )


class AuthError(DashScopeError):
    default_advice = template(
        "Check the API key in Settings and that it belongs to the selected region "
        "(Beijing and Singapore keys are different)."
    )


class ThrottledError(DashScopeError):
    default_advice = template(
        "The service is limiting the request rate; wait a minute and try again."
    )
    retryable = True


class InvalidParameterError(DashScopeError):
    default_advice = template(
        "Change the options or the file named in the message and submit again."
    )


class NotFoundError(InvalidParameterError):
    default_advice = template("The item no longer exists on the service; refresh the list.")


class TooManyFilesError(InvalidParameterError):
    default_advice = template("Submit fewer files per task; the client can split them for you.")


class ModelUnavailableError(DashScopeError):
    default_advice = template(
        "Pick another model, or activate this model in the Model Studio console "
        "for the selected region."
    )


class QuotaError(DashScopeError):
    default_advice = template(
        "Top up the account or raise the quota in the Model Studio console, then try again."
    )


class ServerError(DashScopeError):
    default_advice = template("The service had an internal problem; try again in a few minutes.")
    retryable = True


class NetworkError(DashScopeError):
    default_advice = template("Check the internet connection (and proxy settings), then try again.")
    retryable = True


class RequestTimeout(DashScopeError):
    default_advice = template(
        "The service did not answer in time; check the connection and try again."
    )
    retryable = True


class WaitTimeout(RequestTimeout):
    default_advice = template(
        "The task is still running on the service; check again later - it is not lost."
    )
    retryable = False


class ResultExpiredError(DashScopeError):
    default_advice = template(
        "The result link has expired (results are kept 24 hours); query the task again "
        "for a fresh link, or transcribe the file again."
    )


class MalformedResponseError(DashScopeError):
    default_advice = template(
        "The service sent a reply the app cannot read; try again, and report it if it repeats."
    )


class MalformedResultError(MalformedResponseError):
    """A result file that is invalid or too big even after downloading it again: unlike a
    garbled API reply, asking again will not help, so the job fails with this message."""

    default_advice = template(
        "The service sent a broken result for this file; retry the job, and report it if"
        " it repeats."
    )


class UploadPolicyExpired(DashScopeError):
    default_advice = template(
        "The upload permission expired; the upload will be retried with a new one."
    )
    retryable = True


class OptionRefused(DashScopeError):
    """Raised locally, before any request: the model does not take this option or value."""

    default_advice = template(
        "Change the option named in the message, or choose a model that supports it."
    )


class PartialSubmitError(DashScopeError):
    """A submit split into several tasks failed after some of them were created.

    Those tasks are paid for and carry files, so they must not be forgotten:
    ``submitted`` lists them (the files as sent, and each task), and ``error``
    is the failure itself, to be handled like any other once they are attached.
    The message, code and advice are the failure's own.
    """

    def __init__(self, error: DashScopeError, submitted: list[tuple[list[str], TaskInfo]]) -> None:
        super().__init__(
            error.message,
            code=error.code,
            request_id=error.request_id,
            status=error.status,
            advice=error.advice,
        )
        self.error = error
        self.submitted = submitted


# Passing trouble: worth the same request again after a pause.
TRANSIENT = (NetworkError, ServerError, ThrottledError, RequestTimeout, MalformedResponseError)


def is_transient(error: BaseException) -> bool:
    return isinstance(error, TRANSIENT) and not isinstance(error, MalformedResultError)


_QUOTA_CODES = {
    "Arrearage",
    "AllocationQuota.FreeTierOnly",
    "Throttling.AllocationQuota",
}
_MODEL_CODES = {
    "ModelNotFound",
    "AccessDenied.Unpurchased",
    "Model.AccessDenied",
    "Workspace.AccessDenied",
    "Endpoint.AccessDenied",
}


def error_class(status: int, code: str, message: str) -> type[DashScopeError]:
    """The class for an HTTP error status and the service's code."""
    if code in _QUOTA_CODES:
        return QuotaError
    if code in _MODEL_CODES or "model not exist" in message.lower():
        return ModelUnavailableError
    if status == 401 or code in ("InvalidApiKey", "NOT AUTHORIZED"):
        return AuthError
    if status == 429 or code.startswith("Throttling"):
        return ThrottledError
    if status >= 500:
        return ServerError
    if status == 404:
        return NotFoundError
    return InvalidParameterError


def advised_for_model(error: ModelUnavailableError, model: str) -> ModelUnavailableError:
    """``error`` for a submit to ``model``, with advice naming its replacement.

    The service answers a model it no longer has with "Model not exist." (seen
    as HTTP 400 and as 404); a model on its way out may also get an access
    refusal. The catalog knows what replaces it.
    """
    from desktop.domain import catalog

    try:
        spec = catalog.get(model)
    except catalog.UnknownModelError:
        return error
    missing = "model not exist" in error.message.lower()
    if not missing and not spec.may_be_retired:
        return error
    message = (
        f"the service answers that {model} does not exist ({error.message})"
        if missing
        else f"the service refuses {model} ({error.message})"
    )
    return ModelUnavailableError(
        message,
        code=error.code,
        request_id=error.request_id,
        status=error.status,
        advice=spec.unavailable_advice(),
    )


def error_from_response(
    status: int, body: bytes, *, context: str = "", header_request_id: str | None = None
) -> DashScopeError:
    """Build the typed error from a non-2xx DashScope JSON reply (or a gateway's HTML).

    Whether a response header mirrors ``request_id`` is unconfirmed; it is used
    when the body has none (a gateway page, say).
    """
    code, message, request_id = read_error_body(body)
    request_id = request_id or header_request_id
    if not message:
        message = f"HTTP {status}"
    if context:
        message = f"{context}: {message}"
    cls = error_class(status, code, message)
    return cls(message, code=code or "Unknown", request_id=request_id, status=status)


def read_error_body(body: bytes) -> tuple[str, str, str | None]:
    try:
        data = json.loads(body)
    except ValueError:
        return "", "", None
    if not isinstance(data, dict):
        return "", "", None
    code = str(data.get("code") or "")
    message = str(data.get("message") or data.get("msg") or "").strip()
    request_id = data.get("request_id")
    return code, message, str(request_id) if request_id else None
