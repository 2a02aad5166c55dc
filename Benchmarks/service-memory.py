#!/usr/bin/env python3
"""Resident memory of `reveille serve` at hotel size (docs/PERFORMANCE.md).

Builds nothing: run `swift build -c release --product reveille` first. Makes a 5,000-room rooms file
and in-house export, starts the service once to import them, writes 10,000 room wake-ups, 50 group
wake-ups and 1,667 DND windows into its database, restarts it, and reads /proc/<pid>/status.

Usage: python3 Benchmarks/service-memory.py [--binary .build/release/reveille]
"""
import argparse, json, os, signal, sqlite3, subprocess, tempfile, time, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/release/reveille")
args = parser.parse_args()
binary = os.path.abspath(args.binary)
work = tempfile.mkdtemp(prefix="reveille-memory-")
token = "admin-token-memory-000001"

rooms = ["room,extension,floor"]
rows = ["房号,姓名,到店时间,离店时间,团队,预订号"]
for i in range(5000):
    room = str(10000 + i)
    rooms.append(f"{room},{80000 + i},{i // 100}")
    rows.append(f"{room},客人{i},2026-11-20 14:00,2030-12-31 12:00,{'G' + str(i // 40) if i < 2000 else ''},R{i}")
open(f"{work}/rooms.csv", "w").write("\n".join(rooms) + "\n")
open(f"{work}/inhouse.csv", "w").write("\r\n".join(rows) + "\r\n")
open(f"{work}/reveille.yaml", "w").write(f"""
pbx: {{host: 127.0.0.1, port: 64777, user: pms, password: memory-test, simulator: true}}
hotel: {{timeZone: Asia/Shanghai, roomsFile: {work}/rooms.csv}}
ingest: {{csv: {{path: {work}/inhouse.csv}}}}
http: {{host: 127.0.0.1, port: 8777, tokens: ["admin:it:{token}"]}}
storage: {{dataFolder: {work}/data}}
log: {{level: warning}}
""")


def start():
    process = subprocess.Popen([binary, "serve", "--config", f"{work}/reveille.yaml"], stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while True:
        try:
            request = urllib.request.Request("http://127.0.0.1:8777/api/status", headers={"Authorization": f"Bearer {token}"})
            status = json.loads(urllib.request.urlopen(request, timeout=2).read())
            if status["link"]["up"] and status.get("import", {}).get("last"):
                return process, time.monotonic() - started
        except Exception:
            pass
        time.sleep(0.5)


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def memory(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            fields[key] = int(value.split()[0]) / 1024
    return ", ".join(f"{k} {v:.1f} MiB" for k, v in fields.items())


process, _ = start()
stop(process)
db = sqlite3.connect(f"{work}/data/reveille.sqlite")
policy = 1
for i in range(5000):
    for at in ("05:30", "07:15"):
        db.execute("INSERT INTO wakeUpPolicy (id, room, stayID, time, recurrence, options) VALUES (?,?,?,?,?,?)",
                   (policy, str(10000 + i), None, at, json.dumps({"daily": {"from": "2026-11-25", "days": 3}}), "{}"))
        policy += 1
for g in range(50):
    db.execute("INSERT INTO groupWakeUp (id, name, members, time, recurrence, options) VALUES (?,?,?,?,?,?)",
               (g + 1, f"G{g}", json.dumps({"bookingGroup": {"_0": f"G{g}"}}), "06:%02d" % g,
                json.dumps({"once": {"_0": "2026-11-25"}}), "{}"))
for i in range(0, 5000, 3):
    db.execute("INSERT INTO dndWindow (id, room, stayID, start, end) VALUES (?,?,?,?,?)",
               (i + 1, str(10000 + i), None, "2026-11-24 20:00:00.000", "2026-11-25 08:00:00.000"))
db.commit()
db.close()

process, seconds = start()
print(f"up in {seconds:.1f} s")
time.sleep(45)
print("steady:", memory(process.pid))
request = urllib.request.Request("http://127.0.0.1:8777/api/rooms", headers={"Authorization": f"Bearer {token}"})
urllib.request.urlopen(request).read()
print("after GET /api/rooms:", memory(process.pid))
time.sleep(65)
print("a minute later:", memory(process.pid))
stop(process)
