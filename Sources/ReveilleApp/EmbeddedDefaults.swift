import Foundation
import ReveilleCore

/// The configuration and the sample hotel compiled into `reveille`: `reveille serve` without
/// `--config` runs on them (the sample files are written to `data/sample/` first), and
/// `reveille init DIR` writes them to start from. `Config/` in the repository holds what `init`
/// writes (a test keeps them equal).
public enum EmbeddedDefaults {
    /// The commented configuration, paths relative to the working folder (`data/sample/…`).
    public static let configuration = #"""
# Reveille's configuration (written by `reveille init`; the same values are compiled in and used when
# `reveille serve` runs without --config). As shipped: the built-in PBX simulator on loopback, the
# sample hotel (rooms.csv, inhouse.csv beside this file), SQLite under data/. Relative paths are read
# from this file's folder. Every key can be overridden by an environment variable named after it:
# pbx.host → PBX_HOST, pbx.requestTimeout → PBX_REQUEST_TIMEOUT, http.tokens → HTTP_TOKENS (a
# comma-separated list). Durations are in seconds. See README, "Configuration", and docs/DEPLOY.md
# before going live: set pbx.simulator to false, the PBX account, hotel.timeZone and your own tokens.
pbx:
  driver: tcp                # tcp, or console-files for older switches (§6; README, "Older switches")
  # console:                 # with console-files
  #   folder: /srv/guowei    # the console software's folder: Grade, Clock, hd.txt
  #   serialPort: /dev/ttyS1 # CDR lines forwarded at 1200 8N2 (§6.1); optional
  #   encoding: utf-8        # or gb18030, for Grade and Clock
  #   replyTimeout: 10
  #   pollInterval: 5
  host: 127.0.0.1
  port: 64888
  user: pms
  password: pms-demo-password
  simulator: true            # run the built-in simulator on host:port; false to talk to a real PBX
  requestTimeout: 10
  heartbeatInterval: 5
  requestWindow: 1
  loginRetryDelay: 300
  maximumAttempts: 5
  resyncAfterOutage: 300
  # trace:                   # the PBX wire trace, off unless path is set (docs/DEPLOY.md "Logs")
  #   path: pbx-trace.jsonl  # relative: under storage.dataFolder; read it with `reveille trace FILE`
  #   maxBytes: 10485760     # rotated at this size; keep older files
  #   keep: 3
  # ringCapacity: 20         # wake-ups the PBX can start per minute (unset: unlimited); a group over it is answered with its late rings
  pacing:
    groupSpacing: 1.5        # seconds between a group's pushes, ± groupJitter, inside 1…2 s (§4.4)
    groupJitter: 0.25
    interval: 0.05           # seconds between any two pushes (20 per second; see README "Pacing")
hotel:
  timeZone: Asia/Shanghai     # required with a real PBX: every wall-clock time the PBX sees is in it
  roomsFile: data/sample/rooms.csv
  occupiedCallClass: 4       # §4.1: 1 device internal … 5 international
  vacantCallClass: 2
  dndEndsAtWakeUp: true      # §4.3: a DND window ends at the first wake-up inside it (a booked wake-up rings)
wakeup:
  frequency: 5
  attempts: 3
  prompt: fpm-world-mix.gsm
  prompts:                   # the prompt of each guest language (README "Guest language"); each a §4.4 file name on the PBX
    zh: fpm-world-mix.gsm
    en: wake-en.gsm
  personalBackupAfter: 5     # minutes: an unacknowledged personal call rings from the PBX this long after its time (0: at its time)
  catchUpWindow: 15          # minutes: a wake-up the PBX could not take at its time rings late within this (0: never; PROTOCOL.md §8)
ingest:
  guestsPerRoom: 4           # in-house stays one room may hold (shared rooms), CSV and socket alike
  csv:
    path: data/sample/inhouse.csv
    delimiter: automatic     # automatic, comma, semicolon, tab
    encoding: automatic      # automatic, utf8, gb18030
    quietPeriod: 2
    vanishThreshold: 0.3
    minimumStaysForHold: 4   # the vanish threshold holds from this many guests; an empty export is always held
  socket:                    # PMS events on a local Unix socket; remove path to turn it off
    path: pms.sock           # a relative path is under storage.dataFolder (writable under systemd)
    mode: "0660"
http:
  host: 127.0.0.1
  port: 8080
  tokens:                    # role:person:secret, one per person; the demo secrets are refused with a real PBX
    - reception:frontdesk:reception-demo-token
    - housekeeping:housekeeping:housekeeping-demo-token
    - admin:it:admin-demo-token-0001
  sessionIdle: 900           # seconds without a request before a person's session ends (60 … 43200); `reveille users add` makes accounts
  secureCookies: false       # true when the page is served over TLS (a proxy): the session cookie is then Secure
outcomes:
  notRungGrace: 120          # seconds after its time without a ring (ExtenStatus 10) before a wake-up is "not rung"
  earlyTolerance: 90         # how early a ring or CDR may come and still count for a wake-up
alerts:
  webhook:                   # POST of each alert's JSON, signed X-Reveille-Signature: sha256=<HMAC-SHA256 hex>
    url: ""                  # e.g. https://duty.example.com/reveille; empty: no webhook
    secret: ""               # at least 16 characters; never logged (env ALERTS_WEBHOOK_SECRET)
retention:
  days: 400                  # audit, outbox history, events, CDRs and wake-up records older than this are pruned daily
storage:
  dataFolder: data
log:
  level: info

"""#

    /// The configuration `reveille init` writes: paths relative to its own folder.
    public static var initConfiguration: String {
        configuration.replacingOccurrences(of: "data/sample/", with: "")
    }

    /// Zones a host reports when nobody set one (containers, fresh images): never the hotel's by intent.
    static let unsetZones: Set<String> = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu", "GMT0", "Etc/GMT0"]

    /// ``initConfiguration`` with `hotel.timeZone` set to `zone`; `nil` or a UTC-like zone leaves the
    /// key commented out, so the "required with a real PBX" rule asks for it before going live.
    public static func initConfigurationText(timeZone zone: String?) -> String {
        let line = "  timeZone: Asia/Shanghai     #"
        guard let zone, !unsetZones.contains(zone) else {
            return initConfiguration.replacingOccurrences(of: line, with: "  # timeZone: Asia/Shanghai   # set it:")
        }
        return initConfiguration.replacingOccurrences(of: line, with: "  timeZone: \(zone)" + String(repeating: " ", count: max(1, 18 - zone.count)) + "#")
    }

    /// Whether `zone` is one a host reports when nobody chose one (UTC and its aliases).
    public static func isUnsetZone(_ zone: String) -> Bool { unsetZones.contains(zone) }

    /// The sample hotel's rooms: `room,extension,floor,wing,tags`.
    public static let rooms = #"""
room,extension,floor,wing,tags
1201,8201,12,east,quiet
1202,8202,12,east,quiet
1203,8203,12,east,
1204,8204,12,east,
1205,8205,12,east,
1206,8206,12,east,
1207,8207,12,east,
1208,8208,12,east,suite
1209,8209,12,east,
1210,8210,12,east,
1211,8211,12,west,
1212,8212,12,west,
1213,8213,12,west,
1214,8214,12,west,
1215,8215,12,west,
1216,8216,12,west,
1217,8217,12,west,
1218,8218,12,west,
1219,8219,12,west,
1220,8220,12,west,
1301,8301,13,east,quiet
1302,8302,13,east,quiet
1303,8303,13,east,
1304,8304,13,east,
1305,8305,13,east,
1306,8306,13,east,
1307,8307,13,east,
1308,8308,13,east,suite
1309,8309,13,east,
1310,8310,13,east,
1311,8311,13,west,
1312,8312,13,west,
1313,8313,13,west,
1314,8314,13,west,
1315,8315,13,west,
1316,8316,13,west,
1317,8317,13,west,
1318,8318,13,west,
1319,8319,13,west,
1320,8320,13,west,

"""#

    /// The sample export's header and its first and last guests' lines begin with these.
    static let sampleExportMarks = ["房号,姓名,到店时间,离店时间,团队,预订号,语言", "1201,张伟,", ",R1000,", "Müller Anna,", ",R1011,"]

    /// Whether the file at `path` is the sample export ``inHouse(today:)`` writes (whatever its dates):
    /// refused with a real PBX, like the demo secrets. A missing, unreadable or large file is not.
    public static func isSampleExport(atPath path: String) -> Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size < 64 * 1024,
              let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return false }
        return sampleExportMarks.allSatisfy { text.contains($0) }
    }

    /// A sample in-house export (the PMS's format, Chinese headers) with guests who arrived
    /// yesterday and leave in 30 days, so that the sample hotel is occupied whenever it starts.
    public static func inHouse(today: LocalDate) -> String {
        let guests = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "Smith John", "Müller Anna"]
        // The guest's language, as PMSs write it: codes and names.
        let languages = ["Smith John": "English", "Müller Anna": "Deutsch"]
        var lines = ["房号,姓名,到店时间,离店时间,团队,预订号,语言"]
        for (index, guest) in guests.enumerated() {
            let room = 1201 + index % 8 + index / 8 * 100
            let group = index >= 4 && index < 8 ? "TOUR-A" : ""
            let language = languages[guest] ?? (index.isMultiple(of: 2) ? "中文" : "zh")
            lines.append(
                "\(room),\(guest),\(today.adding(days: -1)) 14:00,\(today.adding(days: 30)) 12:00,\(group),R\(1000 + index),\(language)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
