"""The reference's session classes (tutorial chapter 16), reproduced as written, plus a small
command line the C# tests drive to check that both implementations read each other's files.

Deviations from the chapter, each needed to run it at all:
- SessionMetadata's fields are reordered so the ones without defaults come first (the chapter's
  order is a TypeError in Python's dataclasses).
- Imports the chapter leaves out (time, Optional, List, ...).
"""

import fcntl
import json
import os
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, List, Optional


@dataclass
class SessionMetadata:
    id: str
    created_at: datetime
    last_active: datetime
    work_dir: Path
    model: str
    status: str = "active"
    total_steps: int = 0
    message_count: int = 0
    tool_calls: int = 0
    total_tokens: int = 0
    total_cost: float = 0.0
    tags: List[str] = field(default_factory=list)
    description: Optional[str] = None
    current_task: Optional[str] = None
    progress: float = 0.0


def create_session_id() -> str:
    return str(uuid.uuid4())[:8]


class SessionManager:
    def __init__(self, sessions_dir: Path):
        self.sessions_dir = sessions_dir
        self.sessions_dir.mkdir(parents=True, exist_ok=True)
        self.index_file = sessions_dir / "index.json"
        self._ensure_index()

    def _ensure_index(self):
        if not self.index_file.exists():
            self.index_file.write_text(json.dumps({"sessions": []}))

    def create_session(self, work_dir: Path, model: str, description: Optional[str] = None, tags: List[str] = None) -> SessionMetadata:
        session = SessionMetadata(
            id=create_session_id(),
            created_at=datetime.now(),
            last_active=datetime.now(),
            work_dir=work_dir,
            model=model,
            description=description,
            tags=tags or [],
        )
        session_dir = self._get_session_dir(session.id)
        session_dir.mkdir(parents=True, exist_ok=True)
        (session_dir / "snapshots").mkdir(exist_ok=True)
        (session_dir / "artifacts").mkdir(exist_ok=True)
        self._save_metadata(session)
        self._add_to_index(session)
        return session

    def _get_session_dir(self, session_id: str) -> Path:
        return self.sessions_dir / session_id

    def _save_metadata(self, session: SessionMetadata):
        metadata_file = self._get_session_dir(session.id) / "metadata.json"
        with open(metadata_file, 'w') as f:
            json.dump(self._serialize_session(session), f, indent=2)

    def _serialize_session(self, session: SessionMetadata) -> dict:
        return {
            "id": session.id,
            "created_at": session.created_at.isoformat(),
            "last_active": session.last_active.isoformat(),
            "status": session.status,
            "work_dir": str(session.work_dir),
            "model": session.model,
            "total_steps": session.total_steps,
            "message_count": session.message_count,
            "tool_calls": session.tool_calls,
            "total_tokens": session.total_tokens,
            "total_cost": session.total_cost,
            "tags": session.tags,
            "description": session.description,
            "current_task": session.current_task,
            "progress": session.progress
        }

    def _add_to_index(self, session: SessionMetadata):
        index = self._load_index()
        index["sessions"].append({
            "id": session.id,
            "created_at": session.created_at.isoformat(),
            "description": session.description,
            "tags": session.tags
        })
        self._save_index(index)

    def _load_index(self) -> dict:
        with open(self.index_file) as f:
            return json.load(f)

    def _save_index(self, index: dict):
        with open(self.index_file, 'w') as f:
            json.dump(index, f, indent=2)

    def get_session(self, session_id: str) -> Optional[SessionMetadata]:
        metadata_file = self._get_session_dir(session_id) / "metadata.json"
        if not metadata_file.exists():
            return None
        with open(metadata_file) as f:
            data = json.load(f)
            return self._deserialize_session(data)

    def _deserialize_session(self, data: dict) -> SessionMetadata:
        return SessionMetadata(
            id=data["id"],
            created_at=datetime.fromisoformat(data["created_at"]),
            last_active=datetime.fromisoformat(data["last_active"]),
            status=data["status"],
            work_dir=Path(data["work_dir"]),
            model=data["model"],
            total_steps=data["total_steps"],
            message_count=data["message_count"],
            tool_calls=data["tool_calls"],
            total_tokens=data["total_tokens"],
            total_cost=data["total_cost"],
            tags=data.get("tags", []),
            description=data.get("description"),
            current_task=data.get("current_task"),
            progress=data.get("progress", 0.0)
        )

    def list_sessions(self, limit: int = 10, tags: Optional[List[str]] = None, status: Optional[str] = None) -> List[SessionMetadata]:
        sessions = []
        for session_dir in self.sessions_dir.iterdir():
            if not session_dir.is_dir() or session_dir.name == "index.json":
                continue
            metadata_file = session_dir / "metadata.json"
            if not metadata_file.exists():
                continue
            with open(metadata_file) as f:
                data = json.load(f)
                session = self._deserialize_session(data)
                if tags and not any(t in session.tags for t in tags):
                    continue
                if status and session.status != status:
                    continue
                sessions.append(session)
        sessions.sort(key=lambda s: s.last_active, reverse=True)
        return sessions[:limit]

    def update_session(self, session: SessionMetadata):
        session.last_active = datetime.now()
        self._save_metadata(session)

    def mark_completed(self, session_id: str):
        session = self.get_session(session_id)
        if session:
            session.status = "completed"
            session.progress = 1.0
            self._save_metadata(session)


class MessageStore:
    def __init__(self, session_dir: Path):
        self.messages_file = session_dir / "messages.jsonl"

    def append_message(self, role: str, content: str, metadata: dict = None):
        message = {
            "role": role,
            "content": content,
            "timestamp": datetime.now().isoformat(),
            "metadata": metadata or {}
        }
        with open(self.messages_file, 'a') as f:
            f.write(json.dumps(message) + '\n')

    def get_messages(self, limit: int = None) -> List[Dict[str, Any]]:
        if not self.messages_file.exists():
            return []
        messages = []
        with open(self.messages_file) as f:
            for line in f:
                messages.append(json.loads(line))
        if limit:
            return messages[-limit:]
        return messages


class SnapshotManager:
    def __init__(self, session_dir: Path):
        self.snapshots_dir = session_dir / "snapshots"
        self.snapshots_dir.mkdir(exist_ok=True)

    def create_snapshot(self, step: int, state: dict):
        snapshot_file = self.snapshots_dir / f"step_{step}.json"
        with open(snapshot_file, 'w') as f:
            json.dump({"step": step, "timestamp": datetime.now().isoformat(), "state": state}, f, indent=2)

    def get_snapshot(self, step: int) -> Optional[dict]:
        snapshot_file = self.snapshots_dir / f"step_{step}.json"
        if not snapshot_file.exists():
            return None
        with open(snapshot_file) as f:
            return json.load(f)

    def list_snapshots(self) -> List[int]:
        snapshots = []
        for file in self.snapshots_dir.glob("step_*.json"):
            step = int(file.stem.split('_')[1])
            snapshots.append(step)
        return sorted(snapshots)


class SessionLock:
    def __init__(self, session_dir: Path):
        self.lock_file = session_dir / ".lock"

    @contextmanager
    def acquire(self, timeout: int = 5):
        lock_fd = None
        try:
            lock_fd = open(self.lock_file, 'w')
            start_time = time.time()
            while True:
                try:
                    fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except IOError:
                    if time.time() - start_time > timeout:
                        raise TimeoutError(f"timeout {timeout}s")
                    time.sleep(0.1)
            yield
        finally:
            if lock_fd:
                fcntl.flock(lock_fd, fcntl.LOCK_UN)
                lock_fd.close()


# ---- the command line the tests drive --------------------------------------------------------

def dump(root: Path):
    """Everything the reference can read from a store, as one JSON document on stdout."""
    manager = SessionManager(root)
    out = []
    for s in manager.list_sessions(limit=100000):
        session_dir = manager._get_session_dir(s.id)
        snaps = SnapshotManager(session_dir)
        out.append({
            "id": s.id, "created_at": s.created_at.isoformat(), "last_active": s.last_active.isoformat(),
            "status": s.status, "work_dir": str(s.work_dir), "model": s.model, "total_steps": s.total_steps,
            "message_count": s.message_count, "tool_calls": s.tool_calls, "total_tokens": s.total_tokens,
            "total_cost": s.total_cost, "tags": s.tags, "description": s.description,
            "current_task": s.current_task, "progress": s.progress,
            "messages": MessageStore(session_dir).get_messages(),
            "snapshots": [snaps.get_snapshot(n) for n in snaps.list_snapshots()],
        })
    index = manager._load_index()
    print(json.dumps({"sessions": out, "index": index}))


def write(root: Path):
    """A store written by the reference, with non-ASCII text, tags and snapshots past step 9."""
    manager = SessionManager(root)
    ids = []
    first = manager.create_session(Path("/home/ada/projects/api"), "kimi-k2", "重构认证模块 🔐", ["refactor", "auth"])
    messages = MessageStore(manager._get_session_dir(first.id))
    messages.append_message("user", "请检查 `auth.py` — émoji 🎉 and \"quotes\"\n\nsecond line\ttab")
    messages.append_message("assistant", "```python\nprint('hi')\n```", {"tokens": {"input": 10, "output": 5}, "cost": 0.00012})
    messages.append_message("tool", "ok", {"tool": "bash", "exit_code": 0})
    snaps = SnapshotManager(manager._get_session_dir(first.id))
    for step in (1, 2, 9, 10, 11):
        snaps.create_snapshot(step, {"step": step, "progress": step / 20, "history": ["a", "b"]})
    first.message_count = 3
    first.total_steps = 11
    first.total_tokens = 15
    first.total_cost = 0.00012
    first.current_task = "写测试"
    first.progress = 0.55
    manager.update_session(first)
    ids.append(first.id)
    second = manager.create_session(Path("/home/ada/scratch"), "gpt-4o")
    MessageStore(manager._get_session_dir(second.id)).append_message("user", "Untitled session's first line\nmore")
    manager.mark_completed(second.id)
    ids.append(second.id)
    print(json.dumps(ids))


def append_locked(root: Path, session_id: str, count: int, tag: str, size: int):
    """Appends numbered messages, each under the reference's SessionLock."""
    session_dir = root / session_id
    lock = SessionLock(session_dir)
    store = MessageStore(session_dir)
    for i in range(count):
        with lock.acquire(timeout=30):
            store.append_message("user", f"{tag}-{i} " + "x" * size)


def append_forever(root: Path, session_id: str, size: int):
    """Appends large lines without end until killed (the killed-writer test)."""
    store = MessageStore(root / session_id)
    i = 0
    print("started", flush=True)
    while True:
        store.append_message("assistant", f"line-{i} " + "y" * size)
        i += 1


def hold(root: Path, session_id: str, seconds: float):
    """Holds the session lock, says so on stdout, sleeps, releases."""
    with SessionLock(root / session_id).acquire(timeout=30):
        print("locked", flush=True)
        time.sleep(seconds)


def try_lock(root: Path, session_id: str):
    """Prints "free" when the lock can be taken at once, "held" when not."""
    with open(root / session_id / ".lock", 'a') as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            print("free")
        except IOError:
            print("held")


def resave(root: Path, session_id: str):
    """Loads and saves metadata through the reference (without touching last_active)."""
    manager = SessionManager(root)
    manager._save_metadata(manager.get_session(session_id))


def dumps(path: str):
    """json.dumps of the JSON in a file, one line, for byte comparisons."""
    with open(path) as f:
        print(json.dumps(json.load(f)))


def floats(values: str):
    print(json.dumps([repr(float(v)) for v in values.split(",")]))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "dump":
        dump(Path(args[0]))
    elif command == "write":
        write(Path(args[0]))
    elif command == "append":
        append_locked(Path(args[0]), args[1], int(args[2]), args[3], int(args[4]))
    elif command == "append-forever":
        append_forever(Path(args[0]), args[1], int(args[2]))
    elif command == "hold":
        hold(Path(args[0]), args[1], float(args[2]))
    elif command == "try-lock":
        try_lock(Path(args[0]), args[1])
    elif command == "resave":
        resave(Path(args[0]), args[1])
    elif command == "dumps":
        dumps(args[0])
    elif command == "floats":
        floats(args[0])
    else:
        sys.exit(f"unknown command {command}")
