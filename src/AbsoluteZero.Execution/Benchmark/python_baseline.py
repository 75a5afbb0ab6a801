# Baseline for `azr bench exec`: an executor built like Absolute Zero's own (python3 worker processes that `exec` each
# program, a banned-import AST scan, two runs in the same process for determinism, str() of the result, a per-program
# timeout). Reads {"program", "input"} lines on stdin; prints one JSON summary line.
import ast
import json
import multiprocessing as mp
import resource
import signal
import sys
import time

BANNED = {"logging", "random", "multiprocessing", "pebble", "subprocess", "threading", "datetime", "time", "hashlib",
          "hmac", "bcrypt", "os.sys", "os.path", "sys.exit", "os.environ", "calendar"}
TIMEOUT = 1.0


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def init(timeout):
    global TIMEOUT
    TIMEOUT = timeout
    signal.signal(signal.SIGALRM, on_alarm)
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def banned(code):
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            if name in BANNED or name.split(".")[0] in BANNED:
                return name
    return None


def run(task):
    # CPU time of this worker for the task, so the benchmark can compare CPU cost independently of machine load.
    start = time.process_time()
    try:
        status = run_one(task)
    except Timeout:
        # The one-shot alarm can fire after a run ended but before its disarming: the run took its whole timeout.
        signal.setitimer(signal.ITIMER_REAL, 0)
        status = "timeout"
    return status, time.process_time() - start


def run_one(task):
    code, args = task
    if banned(code):
        return "policy_violation"
    outputs = []
    for _ in range(2):
        signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
        try:
            namespace = {}
            exec(code, namespace)
            value = namespace["f"](*eval("(" + args + ",)", {}))
            outputs.append(str(value))
        except Timeout:
            return "timeout"
        except MemoryError:
            return "memory_limit"
        except RecursionError:
            return "crash"
        except SyntaxError:
            return "compile_error"
        except BaseException:
            return "runtime_error"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return "ok" if outputs[0] == outputs[1] else "nondeterministic"


def main():
    workers, timeout = int(sys.argv[1]), float(sys.argv[2])
    tasks = []
    for line in sys.stdin:
        if line.strip():
            request = json.loads(line)
            tasks.append((request["program"], request["input"]))
    with mp.Pool(workers, initializer=init, initargs=(timeout,)) as pool:
        pool.map(run, [("def f(x):\n    return x\n", "1")] * (workers * 4))
        start = time.perf_counter()
        parent_cpu = time.process_time()
        results = pool.map(run, tasks, chunksize=4)
        seconds = time.perf_counter() - start
        parent_cpu = time.process_time() - parent_cpu
    counts = {}
    for s, _ in results:
        counts[s] = counts.get(s, 0) + 1
    worker_cpu = sum(c for _, c in results)
    print(json.dumps({"count": len(tasks), "seconds": seconds, "statuses": counts, "worker_cpu_seconds": worker_cpu,
                      "parent_cpu_seconds": parent_cpu}))


if __name__ == "__main__":
    main()
