"""A hub-shaped HTTP server on 127.0.0.1 for download tests (no real hub is contacted).

It answers the few routes ``huggingface_hub`` uses to fetch a model: the model info
(``/api/models/{repo}`` and ``/api/models/{repo}/revision/{rev}``), the refs listing,
and ``/{repo}/resolve/{rev}/{path}`` (HEAD and GET, with the commit, ETag and size
headers the client reads). Each repository has revisions (``main``, ``refs/pr/1``)
that map to a commit and its files, as on the hub.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class FakeRepo:
    """Revisions of one repository: name -> (commit sha, {path: bytes})."""

    revisions: dict[str, tuple[str, dict[str, bytes]]] = field(default_factory=dict)

    def add(self, revision: str, files: dict[str, bytes]) -> str:
        digest = hashlib.sha1("\n".join([revision, *sorted(files)]).encode()).hexdigest()
        self.revisions[revision] = (digest, files)
        return digest

    def lookup(self, revision: str) -> tuple[str, dict[str, bytes]] | None:
        if revision in self.revisions:
            return self.revisions[revision]
        for commit, files in self.revisions.values():
            if commit == revision:
                return commit, files
        return None


def files_of(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory``, by relative path, for serving."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


class FakeHub:
    """Serve ``repos`` on 127.0.0.1 until :meth:`close`; ``endpoint`` is the base URL."""

    def __init__(self, repos: dict[str, FakeRepo]) -> None:
        self.repos = repos
        self.requests: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self._answer(body=False)

            def do_GET(self) -> None:
                self._answer(body=True)

            def _send(
                self, status: int, payload: bytes, headers: dict[str, str], body: bool
            ) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if body:
                    self.wfile.write(payload)

            def _json(self, status: int, value: object, body: bool) -> None:
                self._send(
                    status, json.dumps(value).encode(), {"Content-Type": "application/json"}, body
                )

            def _answer(self, body: bool) -> None:
                path = unquote(urlsplit(self.path).path)
                hub.requests.append(f"{self.command} {path}")
                if path.startswith("/api/models/"):
                    self._api(path.removeprefix("/api/models/"), body)
                    return
                if "/resolve/" in path:
                    repo_id, _, rest = path.lstrip("/").partition("/resolve/")
                    repo = hub.repos.get(repo_id)
                    found = None
                    if repo is not None:
                        # The revision may itself hold slashes (refs/pr/1).
                        for name in sorted(repo.revisions, key=len, reverse=True):
                            if rest.startswith(name + "/"):
                                found = repo.lookup(name), rest[len(name) + 1 :]
                                break
                        else:
                            revision, _, filename = rest.partition("/")
                            found = repo.lookup(revision), filename
                    if found is None or found[0] is None or found[1] not in found[0][1]:
                        self._send(404, b"", {"X-Error-Code": "EntryNotFound"}, body)
                        return
                    (commit, files), filename = found
                    payload = files[filename]
                    headers = {
                        "X-Repo-Commit": commit,
                        "ETag": '"' + hashlib.sha256(payload).hexdigest() + '"',
                    }
                    self._send(200, payload, headers, body)
                    return
                self._send(404, b"", {}, body)

            def _tree(self, repo: FakeRepo, rest: str, body: bool) -> None:
                # ``tree/{revision}[/{folder}]``, listed recursively in one page.
                for name in sorted(repo.revisions, key=len, reverse=True):
                    if rest == name or rest.startswith(name + "/"):
                        revision, folder = name, rest[len(name) :].strip("/")
                        break
                else:
                    revision, _, folder = rest.partition("/")
                found = repo.lookup(revision)
                if found is None:
                    self._json(404, {"error": "Revision not found"}, body)
                    return
                entries = [
                    {
                        "type": "file",
                        "path": name,
                        "size": len(payload),
                        "oid": hashlib.sha1(payload).hexdigest(),
                    }
                    for name, payload in sorted(found[1].items())
                    if not folder or name.startswith(folder + "/")
                ]
                self._json(200, entries, body)

            def _api(self, rest: str, body: bool) -> None:
                for repo_id in hub.repos:
                    if rest == repo_id or rest.startswith(repo_id + "/"):
                        repo = hub.repos[repo_id]
                        tail = rest[len(repo_id) :].lstrip("/")
                        break
                else:
                    self._json(404, {"error": "Repository not found"}, body)
                    return
                if tail == "refs":
                    branches = [
                        {"name": name, "ref": f"refs/heads/{name}", "targetCommit": commit}
                        for name, (commit, _) in repo.revisions.items()
                        if not name.startswith("refs/")
                    ]
                    prs = [
                        {"name": name, "ref": name, "targetCommit": commit}
                        for name, (commit, _) in repo.revisions.items()
                        if name.startswith("refs/pr/")
                    ]
                    self._json(
                        200,
                        {"branches": branches, "tags": [], "converts": [], "pullRequests": prs},
                        body,
                    )
                    return
                if tail.startswith("tree/"):
                    self._tree(repo, tail.removeprefix("tree/"), body)
                    return
                revision = tail.removeprefix("revision/") if tail else "main"
                found = repo.lookup(revision)
                if found is None:
                    self._json(404, {"error": "Revision not found"}, body)
                    return
                commit, files = found
                info = {
                    "_id": commit,
                    "id": repo_id,
                    "modelId": repo_id,
                    "sha": commit,
                    "private": False,
                    "disabled": False,
                    "gated": False,
                    "downloads": 0,
                    "likes": 0,
                    "tags": [],
                    "siblings": [{"rfilename": name} for name in sorted(files)],
                }
                self._json(200, info, body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
