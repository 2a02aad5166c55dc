#!/usr/bin/env python3
"""A 200,000-row PMS export into a 5,000-room hotel: the service's peak memory and how long the
import takes, while reception keeps asking (docs/PERFORMANCE.md, "Large exports").

Builds nothing: run `swift build -c release --product reveille` first. Starts `reveille serve` with
the built-in simulator on 5,000 rooms (4,000 in house), waits for the first sync, then replaces the
export with --rows rows: the 4,000 guests again (one in ten with a new departure) and the rest rows
a real export carries that are not in-house guests of known rooms (rooms not in the rooms file).
Meanwhile it asks GET /api/link and GET /api/rooms/{room}/wakeups every 0.2 s. Prints the import's
time, the answers' worst times and the service's resident memory (now and peak, /proc VmRSS/VmHWM).

Usage: python3 Benchmarks/export-memory.py [--rows 200000] [--binary .build/release/reveille]
"""
import argparse, datetime, json, os, subprocess, tempfile, threading, time, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/release/reveille")
parser.add_argument("--rows", type=int, default=200_000)
parser.add_argument("--port", type=int, default=8797)
args = parser.parse_args()
binary = os.path.abspath(args.binary)
work = tempfile.mkdtemp(prefix="reveille-export-memory-")
token = "admin-token-export-memory-01"
base = f"http://127.0.0.1:{args.port}"
count = 5000
in_house = [str(10000 + i) for i in range(count) if i % 5 != 4]
today = datetime.date.today()
arrival, departure = today - datetime.timedelta(days=3), today + datetime.timedelta(days=30)
header = "房号,姓名,到店时间,离店时间,团队,预订号"
open(f"{work}/rooms.csv", "w").write("room,extension,floor\n" + "".join(f"{10000 + i},{80000 + i},{i // 100}\n" for i in range(count)))
open(f"{work}/inhouse.csv", "w").write("\r\n".join([header] + [f"{r},客人{r},{arrival} 14:00,{departure} 12:00,,R{r}" for r in in_house]) + "\r\n")
open(f"{work}/reveille.yaml", "w").write(f"""
pbx: {{host: 127.0.0.1, port: {args.port + 1}, user: pms, password: export-memory-password, simulator: true, pacing: {{interval: 0}}}}
hotel: {{timeZone: Asia/Shanghai, roomsFile: {work}/rooms.csv}}
ingest: {{csv: {{path: {work}/inhouse.csv}}}}
http: {{host: 127.0.0.1, port: {args.port}, tokens: ["admin:it:{token}"]}}
storage: {{dataFolder: {work}/data}}
log: {{level: warning}}
""")


def call(path, timeout=30):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null"), (time.perf_counter() - started) * 1000


def memory(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


process = subprocess.Popen([binary, "serve", "--config", f"{work}/reveille.yaml"], stderr=open(f"{work}/serve.log", "w"))
try:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            status, _ = call("/api/status", timeout=10)
            if status["link"]["up"] and status["import"]["last"] and status["outbox"]["pending"] == 0:
                break
        except Exception:
            pass
        time.sleep(1)
    before, _ = call("/api/status")
    print(f"{count} rooms, {len(in_house)} in house, first sync done; RSS {memory(process.pid)}")

    rows = [header]
    for n, r in enumerate(in_house):
        d = departure + datetime.timedelta(days=1) if n % 10 == 0 else departure
        rows.append(f"{r},客人{r},{arrival} 14:00,{d} 12:00,,R{r}")
    for n in range(args.rows - len(in_house)):
        rows.append(f"{90000 + n % 50000},客人X{n},{arrival} 14:00,{departure} 12:00,,X{n}")
    text = "\r\n".join(rows) + "\r\n"
    tmp = f"{work}/inhouse.csv.tmp"
    open(tmp, "w").write(text)
    print(f"export: {len(rows) - 1} rows, {len(text.encode()) / 1_048_576:.1f} MiB")

    stop = threading.Event()
    worst = {"link": 0.0, "room": 0.0}
    answered = {"link": 0, "room": 0}

    def ask():
        while not stop.is_set():
            for name, path in [("link", "/api/link"), ("room", f"/api/rooms/{in_house[7]}/wakeups")]:
                try:
                    _, ms = call(path)
                    worst[name] = max(worst[name], ms)
                    answered[name] += 1
                except Exception:
                    worst[name] = float("inf")
            time.sleep(0.2)

    asker = threading.Thread(target=ask, daemon=True)
    asker.start()
    started = time.monotonic()
    os.replace(tmp, f"{work}/inhouse.csv")
    last = json.dumps(before["import"]["last"], sort_keys=True)
    peak = 0.0
    while time.monotonic() - started < 600:
        peak = max(peak, memory(process.pid)["VmHWM"])
        status, _ = call("/api/status")
        if json.dumps(status["import"]["last"], sort_keys=True) != last or status["import"].get("held"):
            break
        time.sleep(0.2)
    took = time.monotonic() - started
    time.sleep(5)
    stop.set()
    asker.join(timeout=5)
    report = status["import"].get("last") or status["import"].get("held")
    print(f"import after {took:.1f} s: {report['outcome']}, {report.get('updates')} updates, "
          f"{len(report.get('problems') or [])} problems listed (reason: {report.get('reason')})")
    print(f"meanwhile: /api/link worst {worst['link']:.1f} ms ({answered['link']} answers), "
          f"one room's wake-ups worst {worst['room']:.1f} ms ({answered['room']} answers)")
    print(f"resident memory: {memory(process.pid)} (VmHWM is the peak)")
finally:
    process.terminate()
    process.wait(timeout=60)
