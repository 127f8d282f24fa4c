"""An OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama), as the optional
LLM backends (the Q&A answerer, the shopping guide) reach it: their shared settings and
the HTTP request, built with the standard library."""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Any


class ChatCompletionsClient:
    """Settings of one backend and the request to it.

    Args:
        base_url: API root, e.g. ``https://api.openai.com/v1`` or ``http://localhost:11434/v1``.
        model: model name sent in the request.
        api_key_env: name of the environment variable holding the API key (read per call;
            unset means no ``Authorization`` header, as for a local vLLM or Ollama).
        timeout: seconds for the whole HTTP exchange.
        temperature: sampling temperature sent in the request.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str = "OPENAI_API_KEY",
        timeout: float = 15.0,
        temperature: float = 0.0,
    ) -> None:
        if not base_url or not model:
            raise TypeError(f"{type(self).__name__} needs base_url and model")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = float(timeout)
        self.temperature = float(temperature)

    def chat_request(self, body: dict[str, Any], *, stream: bool = False) -> urllib.request.Request:
        """A POST of ``body`` (model and temperature added), with the key when it is set."""
        data = json.dumps(
            {"model": self.model, "temperature": self.temperature, **body, "stream": stream}
        ).encode()
        accept = "text/event-stream" if stream else "application/json"
        headers = {"Content-Type": "application/json", "Accept": accept}
        key = os.environ.get(self.api_key_env, "") if self.api_key_env else ""
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return urllib.request.Request(self.url, data=data, headers=headers, method="POST")
