"""Runs Debian's apache2 with mod_httpstatus on 127.0.0.1 and talks to it.

Each Httpd gets its own ServerRoot in a temporary directory, a free loopback
port and a generated configuration; it runs in the foreground as a child of the
test process and is stopped at the end. The client speaks HTTP/1.1 over raw
sockets so that status lines, headers and bodies are seen byte for byte.
"""

import atexit
import http.server
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

MODULES_DIR = subprocess.run(
    ["apxs", "-q", "LIBEXECDIR"], capture_output=True, text=True, check=True
).stdout.strip()
APACHE = shutil.which("apache2") or shutil.which("httpd")


def poll(read, done, timeout=5.0, every=0.05):
    """Reads `read()` until `done(value)` holds or `timeout` seconds pass, and
    returns the last value read: what httpd writes after a response (its log
    lines, counters, a flag file's effect) may land a moment after the client
    has the response."""
    deadline = time.time() + timeout
    while True:
        value = read()
        if done(value) or time.time() > deadline:
            return value
        time.sleep(every)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes():
    """{pid: (parent pid, stat fields after the command name)} for every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        table[int(entry)] = (int(fields[1]), fields)
    return table


def process_tree_cpu(pid):
    """User+system seconds of pid and all its descendants."""
    table = processes()
    children = {}
    for p, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(p)
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        if p in table:
            fields = table[p][1]
            total += int(fields[11]) + int(fields[12])  # utime, stime
        stack.extend(children.get(p, []))
    return total / os.sysconf("SC_CLK_TCK")


class Checks:
    """Counts assertions; prints each failure; closes with 'N passed, N failed'."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.section = ""

    def begin(self, section):
        self.section = section
        print(f"-- {section}", flush=True)

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            extra = f"\n     {detail!s:.600}" if detail != "" else ""
            print(f"FAIL [{self.section}] {what}{extra}", flush=True)
        return condition

    def equal(self, got, want, what):
        return self.check(got == want, what, f"got {got!r:.300}, want {want!r:.300}")

    def report(self):
        print(f"live httpd: {self.passed} passed, {self.failed} failed", flush=True)
        return 0 if self.failed == 0 else 1

    def run(self, scenarios):
        """Runs each scenario (all, or those whose name contains $HTTPSTATUS_ONLY); one
        that raises is a failure, not the end. Returns the exit status."""
        only = os.environ.get("HTTPSTATUS_ONLY")
        for scenario in scenarios:
            if only and only not in scenario.__name__:
                continue
            try:
                scenario()
            except Exception as e:
                self.check(False, f"{scenario.__name__} raised {type(e).__name__}: {e}")
        return self.report()


class Response:
    def __init__(self, status_line, headers, body):
        self.status_line = status_line  # b"HTTP/1.1 404 Not Found"
        self.headers = headers  # list of (lower-case name, value) as str
        self.body = body

    @property
    def status(self):
        return int(self.status_line.split(b" ")[1])

    @property
    def line(self):
        """What follows the protocol: '404 Not Found'."""
        return self.status_line.split(b" ", 1)[1].decode("latin-1")

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def json(self):
        return json.loads(self.body)

    def text(self):
        return self.body.decode("utf-8")


class Client:
    """A keep-alive HTTP/1.1 connection that reconnects when the server closes."""

    def __init__(self, port, timeout=10, source=None, host="127.0.0.1"):
        self.port = port
        self.timeout = timeout
        # The local address to connect from (a second loopback address, say).
        self.source = source
        self.host = host
        self.sock = None
        self.buf = b""
        self.connects = 0

    def _connect(self):
        self.close()
        self.sock = socket.create_connection(
            (self.host, self.port), timeout=self.timeout,
            source_address=(self.source, 0) if self.source else None)
        self.buf = b""
        self.connects += 1

    def close(self):
        if self.sock:
            self.sock.close()
            self.sock = None

    def _read_more(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("closed")
        self.buf += data

    def _read_until(self, marker):
        while marker not in self.buf:
            self._read_more()
        head, self.buf = self.buf.split(marker, 1)
        return head

    def _read_n(self, n):
        while len(self.buf) < n:
            self._read_more()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def raw(self, request_bytes, head=False):
        """Sends raw bytes; returns the parsed response. Like browsers, it resends once
        only when a reused keep-alive connection turns out closed; a failure on a
        fresh connection is raised."""
        while True:
            reused = self.sock is not None
            if not reused:
                self._connect()
            try:
                self.sock.sendall(request_bytes)
                return self._read_response(head)
            except (ConnectionError, BrokenPipeError, ConnectionResetError):
                self.close()
                if not reused:
                    raise

    def _read_response(self, head):
        header_block = self._read_until(b"\r\n\r\n")
        lines = header_block.split(b"\r\n")
        headers = []
        for line in lines[1:]:
            k, _, v = line.partition(b":")
            headers.append((k.decode("latin-1").strip().lower(), v.decode("latin-1").strip()))
        resp = Response(lines[0], headers, b"")
        status = resp.status
        if head or status in (204, 304) or 100 <= status < 200:
            body = b""
        elif resp.header("content-length") is not None:
            body = self._read_n(int(resp.header("content-length")))
        elif (resp.header("transfer-encoding") or "").lower() == "chunked":
            body = b""
            while True:
                size = int(self._read_until(b"\r\n").split(b";")[0], 16)
                if size == 0:
                    self._read_until(b"\r\n")
                    break
                body += self._read_n(size)
                self._read_n(2)
        else:
            try:
                while True:
                    self._read_more()
            except ConnectionError:
                pass
            body, self.buf = self.buf, b""
            self.close()
        resp.body = body
        if (resp.header("connection") or "").lower() == "close":
            self.close()
        return resp

    def get(self, path, headers=None, method="GET"):
        hdrs = {"Host": "localhost"}
        hdrs.update(headers or {})
        req = f"{method} {path} HTTP/1.1\r\n".encode("latin-1")
        for k, v in hdrs.items():
            req += f"{k}: {v}\r\n".encode("latin-1") if isinstance(v, str) else k.encode() + b": " + v + b"\r\n"
        req += b"\r\n"
        return self.raw(req, head=(method == "HEAD"))


_CORE_USES_PID = "/proc/sys/kernel/core_uses_pid"


def _cores_named_by_pid():
    """With core_pattern "core", a second crash would overwrite the first core file
    and go unattributed. As root, name cores core.PID for the run and restore the
    setting at exit."""
    try:
        with open(_CORE_USES_PID) as f:
            before = f.read().strip()
        if before == "1" or os.geteuid() != 0:
            return
        with open(_CORE_USES_PID, "w") as f:
            f.write("1")
    except OSError:
        return

    def restore():
        with open(_CORE_USES_PID, "w") as f:
            f.write(before)

    atexit.register(restore)


BASE_MODULES = [
    "authz_core",
    "alias",
    "mime",
    "dir",
]


class StatusBackend:
    """A back end on a free 127.0.0.1 port that answers `/.../<code>` with that
    status (200 for no code), a body of its own and the headers `headers` gives
    for that code. Stop it with `close()`."""

    BODY = b"back end's own body"

    def __init__(self, headers=None):
        extra = headers or {}
        body = self.BODY

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                last = self.path.split("?")[0].strip("/").split("/")[-1]
                code = int(last) if last.isdigit() else 200
                self.send_response(code)
                for name, value in extra.get(code, {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class QuietBackend:
    """A back end on a free 127.0.0.1 port that never answers: it holds every
    connection open (a request reaching it waits for httpd's Timeout) or, with
    `hang_up`, reads the request and closes. `accepted` counts connections. Stop
    it with `close()`."""

    def __init__(self, hang_up=False):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hang_up = hang_up
        self.accepted = 0
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            if not self.hang_up:
                self.held.append(conn)
                continue
            try:
                conn.recv(65536)
            except OSError:
                pass
            finally:
                conn.close()

    def close(self):
        for c in self.held:
            c.close()
        self.sock.close()


class Httpd:
    """One apache2 process tree with a generated configuration."""

    # Tests log the module's notes; benchmarks pass Debian's "combined" format, the
    # same work for stock httpd and the module.
    TEST_LOG_FORMAT = "%>s %{httpstatus-status}n %{httpstatus-reason}n %{httpstatus-request-id}n %U"
    COMBINED_LOG_FORMAT = '%h %l %u %t \\"%r\\" %>s %O \\"%{Referer}i\\" \\"%{User-Agent}i\\"'

    def __init__(self, module_path, extra_conf="", modules=(), mpm="event", name="httpd", log_level=None,
                 log_format=TEST_LOG_FORMAT):
        self.root = tempfile.mkdtemp(prefix=f"httpstatus-{name}-")
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.module_path = module_path
        self.mpm = mpm
        self.proc = None
        # Tests want every diagnostic line; stock httpd cannot name the module.
        self.log_level = log_level or ("warn httpstatus:info" if module_path else "warn")
        for d in ("htdocs", "logs", "run", "cgi-bin", "templates"):
            os.makedirs(os.path.join(self.root, d), exist_ok=True)
        self.write("htdocs/index.html", "<p>home</p>\n")
        self.extra_conf = extra_conf
        self.log_format = log_format
        self.modules = list(BASE_MODULES) + [m for m in modules if m not in BASE_MODULES]

    def path(self, rel):
        return os.path.join(self.root, rel)

    def write(self, rel, content, mode=0o644):
        p = self.path(rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(content.encode() if isinstance(content, str) else content)
        os.chmod(p, mode)
        return p

    def config(self, extra=None):
        load = "\n".join(
            f"LoadModule {m}_module {MODULES_DIR}/mod_{m}.so" for m in self.modules
        )
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        cgid = f"ScriptSock {self.root}/run/cgid.sock\n" if "cgid" in self.modules else ""
        return f"""
ServerRoot {self.root}
Listen 127.0.0.1:{self.port}
PidFile {self.root}/run/httpd.pid
LoadModule mpm_{self.mpm}_module {MODULES_DIR}/mod_mpm_{self.mpm}.so
{load}
{self._load_module()}
{user}ServerName localhost
DocumentRoot {self.root}/htdocs
TypesConfig /etc/mime.types
DirectoryIndex index.html
ErrorLog {self.root}/logs/error.log
LogLevel {self.log_level}
LogFormat "{self.log_format}" access
CustomLog {self.root}/logs/access.log access
{cgid}MaxKeepAliveRequests 0
Timeout 20
<Directory {self.root}/htdocs>
    Require all granted
</Directory>
{self.extra_conf if extra is None else extra}
"""

    def _load_module(self):
        # Without a module path this is stock httpd (for comparisons).
        return f"LoadModule httpstatus_module {self.module_path}" if self.module_path else ""

    def write_htpasswd(self, user="alice", password="secret"):
        """ServerRoot/htpasswd with one user, readable by httpd's user."""
        subprocess.run(["htpasswd", "-cb", self.path("htpasswd"), user, password], check=True,
                       capture_output=True)
        os.chmod(self.path("htpasswd"), 0o644)

    def basic_auth(self, location):
        """The configuration of a `location` that asks for Basic authentication and
        lets in alice (password "secret"), whose password file it writes."""
        self.write_htpasswd()
        return f"""<Location {location}>
    AuthType Basic
    AuthName "Members"
    AuthUserFile {self.root}/htpasswd
    Require valid-user
</Location>
"""

    def cgi_conf(self):
        """Configuration that runs the scripts of ServerRoot/cgi-bin as /cgi-bin/."""
        return f"""
ScriptAlias /cgi-bin/ {self.root}/cgi-bin/
<Directory {self.root}/cgi-bin>
    Require all granted
</Directory>
"""

    def write_config(self, extra=None):
        return self.write("httpd.conf", self.config(extra))

    def syntax_check(self, extra):
        """Runs `apache2 -t` on a configuration with `extra`; returns (ok, output)."""
        conf = self.write("check.conf", self.config(extra))
        p = subprocess.run([APACHE, "-t", "-f", conf], capture_output=True, text=True)
        return p.returncode == 0, p.stdout + p.stderr

    def start(self, prefix=()):
        """Starts apache2 in the foreground; `prefix` wraps the command (e.g. taskset,
        which execs it, so the pid stays httpd's)."""
        conf = self.write_config()
        for f in ("logs/error.log", "logs/access.log"):
            if os.path.exists(self.path(f)):
                os.remove(self.path(f))
        self.proc = subprocess.Popen(
            [*prefix, APACHE, "-f", conf, "-DFOREGROUND"],
            stdout=subprocess.DEVNULL,
            stderr=open(self.path("logs/stderr.log"), "wb"),
            # prefork signals its whole process group on shutdown: keep ours out of it.
            start_new_session=True,
        )
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"apache2 exited: {self.read('logs/stderr.log')}{self.error_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("apache2 did not start listening")

    def signal(self, sig):
        os.kill(self.proc.pid, sig)

    def graceful(self):
        self.signal(signal.SIGUSR1)

    def restart(self):
        self.signal(signal.SIGHUP)

    def wait_listening(self, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def cleanup(self):
        self.stop()
        if os.environ.get("HTTPSTATUS_KEEP") is None:
            shutil.rmtree(self.root, ignore_errors=True)

    def read(self, rel):
        try:
            with open(self.path(rel), "rb") as f:
                return f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def error_log(self):
        return self.read("logs/error.log")

    def module_lines(self, at_least=0, timeout=5):
        """The module's error-log lines; waits (bounded) for `at_least` of them, since
        log_transaction runs after the response has gone out."""
        return poll(lambda: [l for l in self.error_log().splitlines() if "[httpstatus:" in l],
                    lambda lines: len(lines) >= at_least, timeout)

    def client(self, source=None, host="127.0.0.1"):
        return Client(self.port, source=source, host=host)

    def send_raw(self, data, wait=None, head_only=False):
        """Sends `data` on a new connection as it is (however malformed), waits
        `wait` seconds if given, and returns what came back: until the server
        closes, or only until the end of the response head with `head_only`."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        s.sendall(data)
        if wait:
            time.sleep(wait)
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
                if head_only and b"\r\n\r\n" in out:
                    break
        except socket.timeout:
            pass
        s.close()
        return out

    def collect_cores(self):
        """Makes crashing children leave core files in ServerRoot/cores (the kernel's
        core_pattern must name a plain file, as Debian's default "core" does)."""
        os.makedirs(self.path("cores"), exist_ok=True)
        os.chmod(self.path("cores"), 0o1777)
        _cores_named_by_pid()
        self.extra_conf += f"\nCoreDumpDirectory {self.path('cores')}\n"
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        return self

    def crash_report(self):
        """Attributes child crashes: (crashes with a frame of mod_httpstatus on a
        stack, crashes entirely inside httpd, crashes without a core file)."""
        ours, theirs = [], []
        crashes = self.error_log().count("exit signal")
        cores = []
        if os.path.isdir(self.path("cores")):
            cores = [os.path.join(self.path("cores"), c) for c in os.listdir(self.path("cores"))]
        for core in cores:
            bt = subprocess.run(["gdb", "-q", "-batch", "-ex", "thread apply all bt", APACHE, core],
                                capture_output=True, text=True, timeout=120).stdout
            frames = [l for l in bt.splitlines() if l.startswith("#")]
            crashed = next((l for l in frames if l.startswith("#0")), "?")
            (ours if any("httpstatus" in f for f in frames) else theirs).append(crashed)
        return ours, theirs, max(0, crashes - len(cores))

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()
