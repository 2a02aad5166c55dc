#!/usr/bin/env python3
"""What reception waits for at hotel size (docs/PERFORMANCE.md, "A request costs one room").

Builds nothing: run `swift build -c release --product reveille` first. Makes a rooms file of
--rooms rooms with 80 % in house, starts `reveille serve` on it with the built-in simulator,
waits until the first sync has gone out, then measures over HTTP on loopback:

- one room booking (sequential), p50 / p95;
- bookings per second with 4 clients at once;
- GET /api/rooms, and the same poll sent back with its ETag (304);
- GET /api/room-changes?since=<tag> after a booking (what the page polls): time and size;
- GET /api/rooms/{room}/wakeups (one room);
- a group of 40 rooms;
- GET /api/link while another process holds the database's write lock for --hold s (30; p50 / p99 /
  max), with 4 clients booking and reading rooms meanwhile (how long their answers took, which status);
- resident memory at the end, and again after --steady quiet seconds (70: the service returns freed
  memory every 30 s).
With --memory-steps it only apportions the memory (code and libraries against heap, from
/proc/<pid>/smaps_rollup) after the first sync, one list, 600 bookings and one more list.

Every loop is bounded in count and time; the service is stopped at the end.
Usage: python3 Benchmarks/http-load.py --rooms 5000 [--binary .build/release/reveille]
"""
import argparse, datetime, json, os, signal, sqlite3, statistics, subprocess, tempfile, threading, time, urllib.error, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/release/reveille")
parser.add_argument("--rooms", type=int, default=5000)
parser.add_argument("--port", type=int, default=8787)
parser.add_argument("--hold", type=int, default=30, help="seconds another process holds the write lock")
parser.add_argument("--steady", type=int, default=70, help="quiet seconds before the steady memory is read")
parser.add_argument("--memory-steps", action="store_true",
                    help="only apportion the memory: code and heap after the first sync, a list, 600 bookings, a list")
parser.add_argument("--history-days", type=int, default=0,
                    help="before measuring, give the hotel this many days of history (checked-out stays with their "
                         "wake-ups and DND windows, finished occurrences, rings, CDRs, audit, outbox, alerts) and restart")
parser.add_argument("--wrap", default="",
                    help="a command the service runs under, e.g. 'heaptrack -o /tmp/reveille'; with --memory-steps the "
                         "service is then killed at the end, so the profiler's 'leaked' is what the heap held at the last step")
args = parser.parse_args()
binary = os.path.abspath(args.binary)
work = tempfile.mkdtemp(prefix="reveille-http-load-")
token = "admin-token-http-load-0001"
base = f"http://127.0.0.1:{args.port}"
count = args.rooms
in_house = [str(10000 + i) for i in range(count) if i % 5 != 4]  # 80 %

rooms = ["room,extension,floor"]
rows = ["房号,姓名,到店时间,离店时间,团队,预订号"]
for i in range(count):
    rooms.append(f"{10000 + i},{80000 + i},{i // 100}")
today = datetime.date.today()
arrival, departure = today - datetime.timedelta(days=3), today + datetime.timedelta(days=30)
for room in in_house:
    rows.append(f"{room},客人{room},{arrival} 14:00,{departure} 12:00,,R{room}")
open(f"{work}/rooms.csv", "w").write("\n".join(rooms) + "\n")
open(f"{work}/inhouse.csv", "w").write("\r\n".join(rows) + "\r\n")
open(f"{work}/reveille.yaml", "w").write(f"""
pbx: {{host: 127.0.0.1, port: {args.port + 1}, user: pms, password: load-test-password, simulator: true, pacing: {{interval: 0}}}}
hotel: {{timeZone: Asia/Shanghai, roomsFile: {work}/rooms.csv}}
ingest: {{csv: {{path: {work}/inhouse.csv}}}}
http: {{host: 127.0.0.1, port: {args.port}, tokens: ["admin:it:{token}"]}}
storage: {{dataFolder: {work}/data}}
log: {{level: warning}}
""")


def call(method, path, body=None, headers=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
            return response.status, payload, response.headers, (time.perf_counter() - started) * 1000
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers, (time.perf_counter() - started) * 1000


def settled():
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        try:
            status, payload, _, _ = call("GET", "/api/status", timeout=10)
            if status == 200:
                s = json.loads(payload)
                if s["link"]["up"] and s["import"]["last"] and s["outbox"]["pending"] == 0:
                    return
        except Exception:
            pass
        time.sleep(1)
    raise SystemExit("the service did not settle within 15 min")


def quiet():
    """Until the hotel is quiet: the rooms' ETag (the store's change count) unchanged for 2 s."""
    deadline = time.monotonic() + 300
    last = None
    while time.monotonic() < deadline:
        tag = call("GET", "/api/rooms")[2].get("ETag")
        if tag == last:
            return
        last = tag
        time.sleep(2)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def memory(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


process = subprocess.Popen(args.wrap.split() + [binary, "serve", "--config", f"{work}/reveille.yaml"],
                           stderr=open(f"{work}/serve.log", "w"))
print("service log:", f"{work}/serve.log", flush=True)


def service_pid():
    """The service's own process: under --wrap, the wrapper's descendant that runs the binary."""
    if not args.wrap:
        return process.pid
    found = subprocess.run(["pgrep", "-f", f"^{binary} serve --config {work}/"], capture_output=True, text=True).stdout.split()
    return int(found[0]) if found else process.pid


# What a day leaves behind in a hotel of this size (at 5,000 rooms): the guests who check out,
# their wake-ups and DND windows, the rings and their CDRs, the audit and outbox rows.
PER_DAY = {"stays": count * 8 // 25, "occurrences": count // 5, "rings": count * 3 // 10, "audit": count * 3 // 5,
           "outbox": count * 2 // 5, "alerts": count // 160}


def seed_history(days):
    """Writes `days` of history before today into the stopped service's database, in one transaction."""
    db = sqlite3.connect(f"{work}/data/reveille.sqlite", isolation_level=None)
    db.execute("BEGIN")

    def rows(kind):
        return f"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {days * PER_DAY[kind] - 1}) "

    def at(kind, hour):  # the row's day (oldest first), UTC text as GRDB writes it
        return f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-{days} days', 'start of day', '+' || (i / {PER_DAY[kind]}) || ' days', '{hour:+d} hours', '+' || (i % 60) || ' minutes')"

    room = f"(10000 + (i * 7919) % {count})"
    phone = f"(80000 + (i * 7919) % {count})"
    command = f"""'{{"method":"AlarmClock","phone":"' || {phone} || '","value":""}}'"""  # a cleared list, as pushed
    first_stay = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM stay").fetchone()[0]
    db.execute(rows("stays") + f"INSERT INTO stay (room, guestName, arrival, departure, status, personalCall) "
               f"SELECT {room}, 'Guest ' || i, {at('stays', -46)}, {at('stays', 4)}, 'checkedOut', 0 FROM n")
    db.execute(f"INSERT INTO wakeUpPolicy (room, stayID, time, recurrence, options) SELECT room, id, '06:30', "
               f"""'{{"once":{{"_0":"' || date(departure) || '"}}}}', '{{}}' FROM stay WHERE id >= {first_stay} AND id % 4 = 0""")
    db.execute(f"INSERT INTO dndWindow (room, stayID, start, \"end\") SELECT room, id, arrival, departure FROM stay "
               f"WHERE id >= {first_stay} AND id % 16 = 0")
    db.execute(rows("occurrences") + f"INSERT INTO wakeUpOccurrence (room, phone, guest, source, scheduledAt, plannedAttempts, "
               f"frequency, onPBX, state, attempts) SELECT {room}, {phone}, 'Guest ' || i, 'room', {at('occurrences', -2)}, 3, 5, 1, "
               f"CASE WHEN i % 10 = 0 THEN 'unanswered' ELSE 'answered' END, '[]' FROM n")
    db.execute(rows("rings") + f"INSERT INTO wakeUpAttempt (phone, room, ringAt, outcome, endedAt) SELECT {phone}, {room}, "
               f"{at('rings', -2)}, CASE WHEN i % 3 = 0 THEN 'unanswered' ELSE 'answered' END, {at('rings', -2)} FROM n")
    db.execute(rows("rings") + f"INSERT INTO cdr (caller, callee, start, answer, \"end\", duration, disposition, callType, receivedAt) "
               f"SELECT '800', {phone}, substr({at('rings', 6)}, 1, 19), NULL, substr({at('rings', 6)}, 1, 19), 0, 'NO ANSWER', "
               f"'internal', {at('rings', -2)} FROM n")
    db.execute(rows("audit") + f"INSERT INTO audit (at, actor, action, entity, entityID, before, after) SELECT {at('audit', 1)}, "
               f"'pbx', 'push', 'outbox', i, {command}, "
               f"'\"Success\"' FROM n")
    db.execute(rows("outbox") + f"INSERT INTO outbox (room, phone, kind, command, reason, state, attempts, createdAt, updatedAt) "
               f"SELECT {room}, {phone}, 'alarmClock', {command}, "
               f"'history', 'done', 1, {at('outbox', 1)}, {at('outbox', 1)} FROM n")
    db.execute(rows("alerts") + f"INSERT INTO alert (kind, room, scheduledAt, raisedAt, message, acknowledgedAt, acknowledgedBy, action) "
               f"SELECT 'unanswered', {room}, {at('alerts', -2)}, {at('alerts', -2)}, 'not answered', {at('alerts', -1)}, 'desk', 'called' FROM n")
    db.execute("COMMIT")
    sizes = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
             for table in ("stay", "wakeUpPolicy", "wakeUpOccurrence", "wakeUpAttempt", "cdr", "audit", "outbox", "alert")}
    db.close()
    return sizes


try:
    started = time.monotonic()
    settled()
    print(f"{count} rooms, {len(in_house)} in house: first sync done in {time.monotonic() - started:.0f} s; RSS {memory(service_pid())}")
    if args.history_days:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
        seeded = time.monotonic()
        sizes = seed_history(args.history_days)
        size = os.path.getsize(f"{work}/data/reveille.sqlite") / 2**20
        print(f"{args.history_days} days of history written in {time.monotonic() - seeded:.0f} s ({size:.0f} MiB): {sizes}", flush=True)
        process = subprocess.Popen(args.wrap.split() + [binary, "serve", "--config", f"{work}/reveille.yaml"],
                                   stderr=open(f"{work}/serve.log", "a"))
        started = time.monotonic()
        settled()
        print(f"restarted on the history: settled in {time.monotonic() - started:.0f} s; RSS {memory(service_pid())}", flush=True)
    if args.memory_steps:
        def rollup():  # file-backed clean pages are the binary and its libraries; anonymous ones the heap
            fields = {}
            for line in open(f"/proc/{service_pid()}/smaps_rollup"):
                key, _, value = line.partition(":")
                if key in ("Rss", "Anonymous", "Shared_Clean", "Private_Clean"):
                    fields[key] = round(int(value.split()[0]) / 1024, 1)
            return fields
        steps = [("the first sync", lambda: None), ("one GET /api/rooms", lambda: call("GET", "/api/rooms")),
                 ("600 bookings, no list asked", lambda: [call("POST", f"/api/rooms/{in_house[(i * 7) % len(in_house)]}/wakeups",
                                                                {"time": "%02d:%02d" % (1 + (i // 60) % 20, i % 60)}) for i in range(600)]),
                 ("one more GET /api/rooms", lambda: call("GET", "/api/rooms"))]
        for name, step in steps:
            step()
            time.sleep(args.steady)
            print(f"after {name}, {args.steady} s quiet: {rollup()}", flush=True)
        if args.wrap:
            os.kill(service_pid(), signal.SIGKILL)  # no orderly shutdown frees anything: the profile ends at the last step
            process.wait(timeout=600)
        raise SystemExit(0)
    minute = [0]

    def next_time():
        minute[0] += 1
        return "%02d:%02d" % (1 + (minute[0] // 60) % 20, minute[0] % 60)

    # One booking at a time, each in another room.
    latencies = []
    for i in range(200):
        status, payload, _, ms = call("POST", f"/api/rooms/{in_house[(i * 7) % len(in_house)]}/wakeups", {"time": next_time()})
        assert status == 201, (status, payload[:200])
        latencies.append(ms)
    print(f"one booking: p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 95):.1f} ms (200 sequential)")

    # Four clients at once.
    done = []
    lock = threading.Lock()

    def client(offset):
        for i in range(100):
            status, _, _, _ = call("POST", f"/api/rooms/{in_house[(offset * 997 + i * 13) % len(in_house)]}/wakeups", {"time": next_time()})
            with lock:
                done.append(status)

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads: t.start()
    for t in threads: t.join()
    seconds = time.perf_counter() - began
    print(f"4 clients at once: {len(done) / seconds:.1f} bookings/s ({done.count(201)} of {len(done)} booked)")

    # What the page polls, once the bookings' pushes have gone out and the hotel is quiet.
    settled()
    quiet()
    # Built: the first poll after a change (a booking), 10 times; then the cached and the 304 answers.
    built = []
    for i in range(10):
        call("POST", f"/api/rooms/{in_house[(i * 31 + 5) % len(in_house)]}/wakeups", {"time": "23:%02d" % (i + 10)})
        built.append(call("GET", "/api/rooms")[3])
    quiet()
    polls = [call("GET", "/api/rooms")[3] for _ in range(10)]
    status, _, headers, _ = call("GET", "/api/rooms")
    etag = headers.get("ETag")
    unchanged = []
    tags = set()
    for _ in range(50):
        status, _, answer, ms = call("GET", "/api/rooms", headers={"If-None-Match": etag} if etag else None)
        tags.add(answer.get("ETag"))
        unchanged.append((status, ms))
    print(f"GET /api/rooms: built after a change p50 {statistics.median(built):.1f} ms; cached p50 {statistics.median(polls):.1f} ms; unchanged poll with its ETag: "
          f"p50 {statistics.median(ms for _, ms in unchanged):.1f} ms ({sum(1 for s, _ in unchanged if s == 304)} of 50 answered 304; "
          f"{len(tags)} tag(s) seen)")
    # What the page polls: the changes since its tag (it never asks for the whole list again).
    tag = json.loads(call("GET", "/api/room-changes")[1])["tag"]
    whole_bytes = len(call("GET", "/api/rooms")[1])
    changed, sizes = [], []
    for i in range(10):
        call("POST", f"/api/rooms/{in_house[(i * 37 + 11) % len(in_house)]}/wakeups", {"time": "22:%02d" % (i + 10)})
        status, payload, _, ms = call("GET", f"/api/room-changes?since={tag}")
        reply = json.loads(payload)
        assert status == 200 and not reply["complete"], (status, payload[:200])
        tag = reply["tag"]
        changed.append(ms)
        sizes.append(len(payload))
    print(f"GET /api/room-changes?since= after a change: p50 {statistics.median(changed):.1f} ms, "
          f"{statistics.median(sizes):.0f} bytes (the whole list: {whole_bytes} bytes)")
    one = [call("GET", f"/api/rooms/{in_house[i * 3]}/wakeups")[3] for i in range(50)]
    print(f"GET /api/rooms/{{room}}/wakeups: p50 {statistics.median(one):.1f} ms")

    groups = []
    for g in range(5):  # each group's 40 pushes go out 1–2 s apart afterwards
        members = in_house[200 + g * 40: 240 + g * 40]
        status, payload, _, ms = call("POST", "/api/groups", {"name": f"Tour {g}", "rooms": members, "acceptLate": True,
                                                              "time": "%02d:%02d" % (22, 10 + g)})
        assert status == 201, (status, payload[:300])
        groups.append(ms)
    print(f"group of 40 rooms: p50 {statistics.median(groups):.1f} ms (5 groups)")

    # Another process (sqlite3, a backup tool) holds the write lock for --hold s while 4 reception
    # PCs keep booking and reading rooms: the link, the reads and the writes' answers are timed.
    holder = sqlite3.connect(f"{work}/data/reveille.sqlite", timeout=30, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    link, reads, writes = [], [], []
    end = time.monotonic() + args.hold

    def desk(offset):
        i = 0
        while time.monotonic() < end:
            room = in_house[(offset * 541 + i * 17) % len(in_house)]
            try:
                status, _, _, ms = call("POST", f"/api/rooms/{room}/wakeups", {"time": "20:%02d" % (i % 60)}, timeout=30)
                writes.append((status, ms))
                reads.append(call("GET", f"/api/rooms/{room}/wakeups", timeout=30)[3])
            except Exception:  # no answer within 30 s
                writes.append((0, 30_000.0))
            i += 1

    desks = [threading.Thread(target=desk, args=(n,)) for n in range(4)]
    for thread in desks:
        thread.start()
    while time.monotonic() < end:
        try:
            link.append(call("GET", "/api/link", timeout=30)[3])
        except Exception:  # no answer within 30 s
            link.append(30_000.0)
        time.sleep(0.05)
    holder.execute("ROLLBACK")
    holder.close()
    for thread in desks:
        thread.join()
    print(f"GET /api/link while another process holds the database: p50 {statistics.median(link):.1f} ms, "
          f"p99 {percentile(link, 99):.1f} ms, max {max(link):.1f} ms ({len(link)} requests)")
    if reads:
        print(f"  one room's wake-ups meanwhile: p50 {statistics.median(reads):.1f} ms, max {max(reads):.1f} ms ({len(reads)} reads)")
    codes = {}
    for status, _ in writes:
        codes[status] = codes.get(status, 0) + 1
    print(f"  bookings meanwhile: {len(writes)} answered {dict(sorted(codes.items()))}, "
          f"p50 {statistics.median([ms for _, ms in writes]):.0f} ms, max {max(ms for _, ms in writes):.0f} ms")
    print(f"resident memory at the end: {memory(service_pid())}", flush=True)
    time.sleep(args.steady)
    print(f"resident memory after {args.steady} s quiet: {memory(service_pid())}")
finally:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
