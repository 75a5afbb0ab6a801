# The python3 side of AbsoluteZero's Python sandbox (AbsoluteZero.Evaluation.Python.PythonSandbox).
# Protocol: the first stdin line is a JSON config; each further line is a job {"id", "code", "timeout"}; for each job
# one JSON line {"id", "status", "result", "error", "stdout"} is written to stdout, in order.
# Each job runs in a forked child: resource limits (address space, CPU seconds, no new processes, no file bytes),
# an audit hook refusing writes, process creation, sockets and native loading, output captured, fresh globals.
# The program reports by assigning a JSON-serialisable value to __azr_result__.
import io
import json
import os
import resource
import select
import signal
import sys
import time

CONFIG = json.loads(sys.stdin.readline())
PROTOCOL = os.fdopen(os.dup(1), "w", encoding="utf-8")
BLOCKED_PREFIXES = ("subprocess.", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.system",
                    "os.kill", "os.killpg", "socket.", "ctypes.", "os.remove", "os.unlink", "os.rename", "os.rmdir",
                    "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.symlink", "os.link", "os.replace",
                    "os.putenv", "os.unsetenv", "os.chdir", "os.chroot", "shutil.", "pty.", "fcntl.", "resource.setrlimit",
                    "sys.addaudithook", "webbrowser.", "urllib.", "http.", "ftplib.", "smtplib.", "sqlite3.", "signal.")


def audit(event, args):
    if event == "open":
        mode = args[1] if len(args) > 1 else "r"
        flags = args[2] if len(args) > 2 else 0
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC)):
            raise PermissionError("sandbox: writing files is not allowed")
        return
    if event.startswith(BLOCKED_PREFIXES):
        raise PermissionError("sandbox: " + event + " is not allowed")


def one_line(text, limit=500):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "..."


def child(job, w):
    mem = CONFIG["memory_bytes"]
    cpu = int(job["timeout"]) + 1
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    except (ValueError, OSError):
        pass
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    captured = io.StringIO()
    sys.stdout = captured
    sys.stderr = io.StringIO()
    sys.stdin = io.StringIO()
    sys.setrecursionlimit(CONFIG.get("recursion_limit", 3000))
    reply = {"id": job["id"], "status": "ok", "result": None, "error": None, "stdout": ""}
    try:
        code = compile(job["code"], "<program>", "exec")
        sys.addaudithook(audit)
        env = {"__name__": "__main__", "__builtins__": __builtins__}
        exec(code, env)
        reply["result"] = env.get("__azr_result__")
    except MemoryError:
        reply["status"] = "memory"
        reply["error"] = "MemoryError"
    except SyntaxError as e:
        reply["status"] = "error"
        reply["error"] = one_line("SyntaxError: %s (line %s)" % (e.msg, e.lineno))
    except RecursionError as e:
        reply["status"] = "error"
        reply["error"] = one_line("RecursionError: %s" % e)
    except BaseException as e:
        reply["status"] = "error"
        reply["error"] = one_line("%s: %s" % (type(e).__name__, e))
    reply["stdout"] = captured.getvalue()[: CONFIG.get("stdout_cap", 4096)]
    try:
        data = json.dumps(reply, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as e:
        data = json.dumps({"id": job["id"], "status": "error", "result": None, "stdout": "",
                           "error": one_line("result not JSON-serialisable: %s" % e)}).encode("utf-8")
    view = memoryview(data)
    while view:
        n = os.write(w, view)
        view = view[n:]
    os._exit(0)


def run(job):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            child(job, w)
        finally:
            os._exit(70)
    os.close(w)
    chunks = []
    deadline = time.monotonic() + float(job["timeout"])
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([r], [], [], left)
        if not ready:
            continue
        chunk = os.read(r, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    if timed_out:
        return {"id": job["id"], "status": "timeout", "result": None, "stdout": "",
                "error": "wall-clock limit of %ss exceeded" % job["timeout"]}
    if chunks:
        try:
            return json.loads(b"".join(chunks).decode("utf-8"))
        except ValueError:
            pass
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in (signal.SIGXCPU, signal.SIGKILL):
            return {"id": job["id"], "status": "timeout", "result": None, "stdout": "", "error": "CPU limit exceeded (signal %d)" % sig}
        return {"id": job["id"], "status": "crash", "result": None, "stdout": "", "error": "killed by signal %d" % sig}
    return {"id": job["id"], "status": "crash", "result": None, "stdout": "", "error": "exited with code %d and no result" % os.WEXITSTATUS(status)}


for line in sys.stdin:
    if not line.strip():
        continue
    job = json.loads(line)
    PROTOCOL.write(json.dumps(run(job)) + "\n")
    PROTOCOL.flush()
