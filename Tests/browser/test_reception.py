#!/usr/bin/env python3
"""Real-browser test of the reception page (issue 6).

Starts `reveille serve` (built-in PBX simulator, sample rooms and occupancy export) on free ports,
opens the page in headless Chromium through chromedriver/Selenium, signs in, books a group wake-up for
six rooms, watches its progress bar reach the end, then checks the simulator's AlarmClock strings for
those rooms through the admin API, and stops the service with SIGTERM (it must exit 0).

Usage: python3 Tests/browser/test_reception.py [--binary .build/debug/reveille] [--screenshot FILE]
Needs: chromium, chromium-driver (Debian), selenium (PyPI). `.ci/run` installs them.
"""
import argparse
import csv
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RECEPTION = "reception-browser-test-token"
ADMIN = "admin-browser-test-token-01"
ROOMS = ["1201", "1202", "1203", "1204", "1205", "1206"]
EXPECTED = "06:30**5*1*fpm-world-mix.gsm*3&"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(port, path, token, method="GET", body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read() or b"null")


def wait_until_serving(service, log):
    """Reads the service's output until it says the page is up (no polling); keeps copying it to `log`."""
    for line in service.stdout:
        log.write(line)
        if "reception page at" in line:
            copier = threading.Thread(target=lambda: [log.write(rest) for rest in service.stdout], daemon=True)
            copier.start()
            return copier
    raise AssertionError("reveille serve ended before serving the page")


def occupancy_export(path):
    """The sample export (Config/inhouse.csv) with its stays around today: the service
    refuses arrivals and departures far from now (InputBounds)."""
    today = datetime.date.today()
    with open(os.path.join(ROOT, "Config/inhouse.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        row[2] = f"{today - datetime.timedelta(days=1)} 14:00"
        row[3] = f"{today + datetime.timedelta(days=30)} 12:00"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/reveille"))
    parser.add_argument("--screenshot")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="reveille-browser-")
    http_port, pbx_port = free_port(), free_port()
    config = os.path.join(work, "reveille.yaml")
    export = occupancy_export(os.path.join(work, "inhouse.csv"))
    with open(config, "w") as f:
        f.write(f"""
pbx:
  host: 127.0.0.1
  port: {pbx_port}
  user: pms
  password: browser-test-password
  simulator: true
hotel:
  timeZone: Asia/Shanghai
  roomsFile: {ROOT}/Config/rooms.csv
ingest:
  csv:
    path: {export}
  socket:
    path: {work}/pms.sock
http:
  host: 127.0.0.1
  port: {http_port}
  tokens:
    - reception:browser:{RECEPTION}
    - admin:browser:{ADMIN}
storage:
  dataFolder: {work}/data
log:
  level: notice
""")
    log = open(os.path.join(work, "serve.log"), "w")
    service = subprocess.Popen([args.binary, "serve", "--config", config], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    driver = None
    copier = None
    try:
        copier = wait_until_serving(service, log)

        options = Options()
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN"]:
            options.add_argument(flag)
        chromium = "/usr/bin/chromium"
        if os.path.exists(chromium):
            options.binary_location = chromium
        driverpath = "/usr/bin/chromedriver"
        driver = webdriver.Chrome(service=Service(driverpath) if os.path.exists(driverpath) else Service(), options=options)
        wait = WebDriverWait(driver, 60)

        driver.get(f"http://127.0.0.1:{http_port}/")
        wait.until(EC.visibility_of_element_located((By.ID, "signin-token"))).send_keys(RECEPTION)
        driver.find_element(By.ID, "signin-submit").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#rooms [data-room="1201"]')))
        # The page polls the status: once the link is logged in, no banner.
        wait.until(lambda d: api(http_port, "/api/status", RECEPTION)["link"]["up"])
        wait.until(EC.invisibility_of_element_located((By.ID, "link-banner")))

        driver.find_element(By.ID, "group-name").send_keys("Browser tour 浏览器团")
        driver.find_element(By.ID, "group-rooms").send_keys("1201-1206")
        time_field = driver.find_element(By.ID, "group-time")
        time_field.clear()
        time_field.send_keys("06:30")
        driver.find_element(By.ID, "group-submit").click()
        wait.until(lambda d: d.find_element(By.ID, "group-result").text.strip() != "")

        group = [g for g in api(http_port, "/api/groups", RECEPTION) if g["name"] == "Browser tour 浏览器团"][0]
        bar = f"group-progress-{group['id']}"
        wait.until(EC.presence_of_element_located((By.ID, bar)))

        def finished(d):
            element = d.find_element(By.ID, bar)
            value, maximum = element.get_attribute("value"), element.get_attribute("max")
            return maximum not in (None, "", "0") and value == maximum and int(maximum) == len(ROOMS)
        WebDriverWait(driver, 120, poll_frequency=0.5).until(finished)
        print(f"progress bar reached {len(ROOMS)}/{len(ROOMS)}")
        if args.screenshot:
            driver.find_element(By.CSS_SELECTOR, '#rooms [data-room="1203"]').click()
            WebDriverWait(driver, 10).until(lambda d: "1203" in d.find_element(By.ID, "detail-title").text)
            driver.save_screenshot(args.screenshot)
            print(f"screenshot: {args.screenshot}")

        extensions = api(http_port, "/api/simulator/extensions", ADMIN)
        for room in ROOMS:
            value = extensions.get("8" + room[1:], {}).get("alarmClock")
            assert value == EXPECTED, f"room {room}: simulator AlarmClock {value!r}, expected {EXPECTED!r}"
        print("simulator AlarmClock strings:", ", ".join(f"{room}={EXPECTED}" for room in ROOMS))
    finally:
        if driver:
            driver.quit()
        service.send_signal(signal.SIGTERM)
        try:
            code = service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
            code = "killed"
        if copier:
            copier.join(timeout=5)
        log.close()
    if code != 0:
        print(open(os.path.join(work, "serve.log")).read()[-3000:])
        raise AssertionError(f"reveille serve exited with {code} after SIGTERM")
    print("reveille serve stopped cleanly on SIGTERM")
    print("browser test passed")


if __name__ == "__main__":
    main()
