import Configuration
import Foundation
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleHTTP
import ReveilleIngest
import ReveilleServices
import SystemPackage

/// Everything `reveille serve` is configured with: a YAML file, each key overridable by an
/// environment variable named after it (`pbx.host` → `PBX_HOST`, `pbx.requestTimeout` →
/// `PBX_REQUEST_TIMEOUT`; lists comma-separated). Documented key by key in README.
public struct ReveilleConfiguration: Sendable, CustomStringConvertible {
    public var pbxHost = "127.0.0.1"
    public var pbxPort = 64888
    public var pbxUser = "pms"
    /// Never logged (``description`` leaves it out).
    public var pbxPassword = ""
    /// Run the built-in PBX simulator in-process on `pbxHost:pbxPort` (port 0: any free port).
    public var pbxSimulator = false
    /// `pbx.simulatorScript`: how the built-in simulator's extensions answer their wake-ups
    /// (`EXTENSION=N|never|no-ring|busy`, as `reveille simulate --script`): demos and the browser test.
    public var simulatorScript: [String: Answering] = [:]
    /// `pbx.simulatorStartsAt`: with the simulator only, the hotel wall time (`yyyy-MM-dd HH:mm:ss`,
    /// or `HH:mm:ss` for today) the service's clock starts at, running on from there: to show or
    /// train the 5 a.m. view at any hour, and for the browser test. `nil`: the real clock.
    public var simulatorStartsAt: PBXDateTime?
    public var link: LinkConfiguration
    public var push = PushConfiguration()
    /// `pbx.driver`: the TCP interface (§1–§5), or the console software's files of older switches (§6).
    public var pbxDriver = PBXDriverKind.tcp
    /// `pbx.console.*`: where the console interface's files are (with `pbx.driver: console-files`).
    public var console = ConsoleConfiguration()
    /// `pbx.trace.path`: the wire trace file (every frame in and out, password redacted); `nil`: off.
    /// A relative path is under `storage.dataFolder`.
    public var tracePath: String?
    /// `pbx.trace.maxBytes`: the size at which the trace is rotated (`pbx.trace.keep` older files kept).
    public var traceMaximumBytes = 10 * 1_048_576
    public var traceKeep = 3

    public var settings: HotelSettings
    public var roomsFile = "rooms.csv"

    public var csvPath: String?
    public var csv = CSVOptions()
    /// Which export column is what, how dates and statuses are written.
    public var mapping = OccupancyMapping()
    public var csvQuietPeriod: Duration = .seconds(2)
    /// Also check the export this often (network shares where inotify is deaf); `nil`: inotify only.
    public var csvPollInterval: Duration? = .seconds(5)
    /// An export older than this is shown red on the page (the PMS may have stopped exporting).
    public var csvStaleAfter: Duration = .seconds(6 * 3600)
    public var vanishThreshold = 0.3
    /// From this many in-house stays the vanish threshold holds an export; an export that would
    /// check every guest out is held whatever the size (`ingest.csv.minimumStaysForHold`).
    public var minimumStaysForHold = 4
    /// In-house stays one room may hold (a shared room; `ingest.guestsPerRoom`).
    public var guestsPerRoom = InputBounds.guestsPerRoom
    public var socketPath: String?
    public var socketMode: mode_t = 0o660

    public var httpHost = "127.0.0.1"
    public var httpPort = 8080
    public var tokens: [APIToken] = []
    /// `http.usersFile`: more accounts, one `role:person:secret` a line (re-read on SIGHUP).
    public var usersFile: String?
    /// `http.secureCookies`: the session cookie is `Secure` (the page is served over TLS, e.g. behind a proxy).
    public var secureCookies = false
    /// `http.sessionIdle`: a signed-in session ends after this long without a request.
    public var sessionIdle: Duration = .seconds(900)

    /// `alerts.webhook.url` and `alerts.webhook.secret`: where alerts are posted; `nil`: no webhook.
    public var webhook: WebhookConfiguration?
    /// `outcomes.notRungGrace`, `outcomes.earlyTolerance`: when a wake-up counts as never rung;
    /// `wakeup.catchUpWindow` (minutes): how late a wake-up the PBX could not take is still caught up.
    public var outcomes = OccurrenceStateMachine.Configuration()
    /// `retention.days`: how long audit, outbox history, events, CDRs and occurrences are kept.
    public var retentionDays = 400

    public var dataFolder = "data"
    public var logLevel = "info"
    /// Where the values came from: the configuration file, or `nil` for the compiled-in defaults.
    public var file: String?

    /// Every problem found, each naming its key.
    public struct Problems: Error, CustomStringConvertible, Sendable {
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    public var description: String {
        (pbxDriver == .tcp ? "pbx \(pbxUser)@\(pbxHost):\(pbxPort)" : "pbx console files \(console.folder ?? "-")")
            + " (simulator: \(pbxSimulator)), hotel \(settings.timeZone.identifier), "
            + "rooms \(roomsFile), csv \(csvPath ?? "-"), socket \(socketPath ?? "-"), http \(httpHost):\(httpPort) "
            + "(\(tokens.count) tokens), data \(dataFolder)"
    }

    /// Reads `file` (YAML) under the environment's overrides; `nil` reads the compiled-in
    /// ``EmbeddedDefaults/configuration``. Relative paths in a file are read from the file's folder;
    /// in the compiled-in defaults, from the working folder.
    /// - Throws: ``Problems`` listing every invalid or missing key.
    public static func load(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> ReveilleConfiguration {
        let workingFolder = FileManager.default.currentDirectoryPath
        let path: String
        let base: String
        if let file {
            guard FileManager.default.fileExists(atPath: file) else {
                throw Problems(problems: ["--config: no such file \(file)"])
            }
            path = file
            base = ((file.hasPrefix("/") ? file : workingFolder + "/" + file) as NSString).deletingLastPathComponent
        } else {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("reveille-defaults-\(UUID().uuidString).yaml").path
            try EmbeddedDefaults.configuration.write(toFile: path, atomically: true, encoding: .utf8)
            base = workingFolder
        }
        defer { if file == nil { try? FileManager.default.removeItem(atPath: path) } }
        let yaml: FileProvider<YAMLSnapshot>
        do {
            yaml = try await FileProvider<YAMLSnapshot>(filePath: FilePath(path))
        } catch {
            throw Problems(problems: ["\(path): not valid YAML: \(error)"])
        }
        let reader = ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(["PBX_PASSWORD", "HTTP_TOKENS", "ALERTS_WEBHOOK_SECRET"])),
            yaml,
        ])
        var keysRead: Set<String> = []
        var configuration = try read(reader, base: base, keysRead: &keysRead)
        // A misspelt key (`requestTimeOut`) would silently leave its default in force.
        if file != nil {
            let unknown = try ConfigurationKeys.unknown(inYAMLFile: path, known: keysRead)
            guard unknown.isEmpty else {
                throw Problems(problems: unknown.map { "\($0): is not a setting of Reveille (misspelt? README lists every key)" })
            }
        }
        configuration.file = file
        return configuration
    }

    /// Makes every relative path absolute against `folder`.
    mutating func resolvePaths(relativeTo folder: String) {
        func resolved(_ path: String) -> String {
            path.hasPrefix("/") ? path : ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
        }
        roomsFile = resolved(roomsFile)
        csvPath = csvPath.map(resolved)
        console.folder = console.folder.map(resolved)
        dataFolder = resolved(dataFolder)
        // The socket is made at run time: under the data folder, which the systemd unit leaves
        // writable (the configuration folder is read-only there).
        socketPath = socketPath.map { $0.hasPrefix("/") ? $0 : ((dataFolder as NSString).appendingPathComponent($0) as NSString).standardizingPath }
        tracePath = tracePath.map { $0.hasPrefix("/") ? $0 : ((dataFolder as NSString).appendingPathComponent($0) as NSString).standardizingPath }
    }

    /// Writes the sample hotel the compiled-in defaults read (`data/sample/rooms.csv` and
    /// `inhouse.csv` under `folder`), unless the files are there already. Returns the sample folder.
    @discardableResult
    public static func writeSampleHotel(in folder: String, today: LocalDate) throws -> String {
        let sample = (folder as NSString).appendingPathComponent("data/sample")
        try FileManager.default.createDirectory(atPath: sample, withIntermediateDirectories: true)
        for (name, text) in [("rooms.csv", EmbeddedDefaults.rooms), ("inhouse.csv", EmbeddedDefaults.inHouse(today: today))] {
            let path = (sample as NSString).appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: path) { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        }
        return sample
    }

    static func read(_ reader: ConfigReader, base: String = FileManager.default.currentDirectoryPath) throws -> ReveilleConfiguration {
        var keysRead: Set<String> = []
        return try read(reader, base: base, keysRead: &keysRead)
    }

    /// Reads every key; `keysRead` receives the keys asked for (the unknown-key check).
    static func read(_ reader: ConfigReader, base: String, keysRead: inout Set<String>) throws -> ReveilleConfiguration {
        var check = Check(reader: reader)
        defer { keysRead = check.keysRead }
        // With a real PBX the zone must be said: the host's zone (UTC in a container) would put
        // every wake-up hours off. The simulator may follow the host.
        let simulated = check.bool("pbx.simulator", default: false)
        let zoneName = check.string("hotel.timeZone", default: simulated ? TimeZone.current.identifier : "")
        let zone = TimeZone(identifier: zoneName)
        if zoneName.isEmpty {
            check.problem("hotel.timeZone", "is required with a real PBX (pbx.simulator false): the IANA name of the hotel's zone, e.g. Asia/Shanghai")
        } else if zone == nil {
            check.problem("hotel.timeZone", "\"\(zoneName)\" is not a time zone name (e.g. Asia/Shanghai)")
        }
        var configuration = ReveilleConfiguration(
            link: LinkConfiguration(user: "pms", password: ""), settings: HotelSettings(timeZone: zone ?? .gmt))

        configuration.pbxDriver = check.choice("pbx.driver", default: .tcp, ["tcp": .tcp, "console-files": .consoleFiles])
        configuration.console.folder = check.optionalString("pbx.console.folder")
        configuration.console.serialPort = check.optionalString("pbx.console.serialPort")
        configuration.console.replyTimeout = check.seconds("pbx.console.replyTimeout", default: 10, in: 1...300)
        configuration.console.encoding = check.choice("pbx.console.encoding", default: .utf8, ["utf-8": .utf8, "gb18030": .gb18030])
        configuration.console.pollInterval = check.seconds("pbx.console.pollInterval", default: 5, in: 1...3600)
        if configuration.pbxDriver == .consoleFiles, configuration.console.folder == nil {
            check.problem("pbx.console.folder", "is required with pbx.driver console-files: the console software's install folder, where Grade, Clock and hd.txt are (§6)")
        }
        configuration.pbxHost = check.string("pbx.host", default: "127.0.0.1")
        configuration.pbxPort = check.int("pbx.port", default: 64888, in: 0...65535)
        configuration.pbxUser = check.string("pbx.user", default: "")
        configuration.pbxPassword = check.string("pbx.password", default: "", secret: true)
        if (configuration.pbxUser.isEmpty && configuration.pbxDriver == .tcp) || !configuration.pbxUser.isSafeForPBXWire {
            check.problem("pbx.user", "is required: the account the PBX administrator assigned (§3.1), without control characters")
        }
        if !configuration.pbxPassword.isSafeForPBXWire { check.problem("pbx.password", "must not contain control characters (§1)") }
        configuration.pbxSimulator = check.bool("pbx.simulator", default: false)
        for (index, line) in check.stringArray("pbx.simulatorScript", secret: false).enumerated() {
            guard let (phone, answering) = Answering.script(line) else {
                check.problem("pbx.simulatorScript[\(index)]", "\"\(line.prefix(40))\": \(Answering.scriptRule)")
                continue
            }
            configuration.simulatorScript[phone] = answering
        }
        if let start = check.optionalString("pbx.simulatorStartsAt") {
            let today = HotelCalendar(timeZone: zone ?? .gmt).date(of: Date())
            if let clock = PBXDateTime(start) ?? PBXDateTime("\(today) \(start)") {
                let day = LocalDate(year: clock.year, month: clock.month, day: clock.day)
                if let day, abs(day.dayNumber - today.dayNumber) <= InputBounds.daysAhead {
                    configuration.simulatorStartsAt = clock
                } else {
                    check.problem("pbx.simulatorStartsAt", "\"\(start.prefix(40))\" must lie within \(InputBounds.daysAhead) days of today")
                }
            } else {
                check.problem("pbx.simulatorStartsAt", "\"\(start.prefix(40))\" is not a wall time yyyy-MM-dd HH:mm:ss or HH:mm:ss")
            }
            if !configuration.pbxSimulator {
                check.problem("pbx.simulatorStartsAt", "needs pbx.simulator: true (a real PBX rings on the real clock)")
            }
        }
        configuration.tracePath = check.optionalString("pbx.trace.path")
        configuration.traceMaximumBytes = check.int("pbx.trace.maxBytes", default: 10 * 1_048_576, in: 4096...1_073_741_824)
        configuration.traceKeep = check.int("pbx.trace.keep", default: 3, in: 1...100)
        var link = LinkConfiguration(user: configuration.pbxUser, password: configuration.pbxPassword)
        link.requestTimeout = check.seconds("pbx.requestTimeout", default: 10, in: 1...300)
        link.heartbeatInterval = check.seconds("pbx.heartbeatInterval", default: 5, in: 1...60)
        link.requestWindow = check.int("pbx.requestWindow", default: 1, in: 1...64)
        link.loginRetryDelay = check.seconds("pbx.loginRetryDelay", default: 300, in: 5...3600)
        configuration.link = link
        var push = PushConfiguration()
        push.pacing.groupSpacing = check.seconds("pbx.pacing.groupSpacing", default: 1.5, in: 1...2)
        push.pacing.groupJitter = check.seconds("pbx.pacing.groupJitter", default: 0.25, in: 0...0.5)
        push.pacing.interval = check.seconds("pbx.pacing.interval", default: 0.05, in: 0...10)
        for problem in push.pacing.problems { check.problem("pbx.pacing", problem) }
        push.maximumAttempts = check.int("pbx.maximumAttempts", default: 5, in: 1...100)
        push.resyncAfterOutage = check.seconds("pbx.resyncAfterOutage", default: 300, in: 0...86_400)
        if let nightly = check.optionalString("pbx.nightlyResync") {
            if let time = TimeOfDay(nightly) { push.nightlyResync = time } else { check.problem("pbx.nightlyResync", "\"\(nightly)\" is not a time HH:mm") }
        }
        configuration.push = push

        configuration.roomsFile = check.string("hotel.roomsFile", default: "rooms.csv")
        configuration.settings.occupiedCallClass = check.callClass("hotel.occupiedCallClass", default: .domesticLongDistance)
        configuration.settings.vacantCallClass = check.callClass("hotel.vacantCallClass", default: .enterpriseInternal)
        configuration.settings.dndEndsAtWakeUp = check.bool("hotel.dndEndsAtWakeUp", default: true)
        var defaults = WakeUpDefaults()
        defaults.frequency = check.int("wakeup.frequency", default: 5, in: InputBounds.frequency)
        defaults.attempts = check.int("wakeup.attempts", default: 3, in: InputBounds.attempts)
        defaults.prompt = check.string("wakeup.prompt", default: WakeUpEntry.defaultPrompt)
        // Wake-ups the PBX starts per minute (unset or 0: unlimited).
        let capacity = check.int("pbx.ringCapacity", default: 0, in: 0...100_000)
        configuration.settings.ringCapacity = capacity == 0 ? nil : capacity
        // Minutes after a personal call's time the PBX rings as its backup (0: at its time).
        defaults.personalBackupAfter = check.int("wakeup.personalBackupAfter", default: 5, in: InputBounds.backupAfter)
        if let rule = AlarmClock.promptRule(defaults.prompt) { check.problem("wakeup.prompt", rule + " (§4.4)") }
        // `wakeup.prompts.<language>`: read for every code GuestLanguage knows.
        for code in GuestLanguage.codes {
            guard let prompt = check.optionalString("wakeup.prompts.\(code)") else { continue }
            if let rule = AlarmClock.promptRule(prompt) {
                check.problem("wakeup.prompts.\(code)", rule + " (§4.4)")
            } else {
                defaults.languagePrompts[code] = prompt
            }
        }
        // Keys other than language codes cannot be listed; the usual slip, a country code, is named.
        for (country, code) in [("cn", "zh"), ("jp", "ja"), ("kr", "ko"), ("gb", "en"), ("us", "en")]
        where check.optionalString("wakeup.prompts.\(country)") != nil {
            check.problem("wakeup.prompts.\(country)", "\(country) is a country, not a language code: use wakeup.prompts.\(code)")
        }
        configuration.settings.wakeUpDefaults = defaults

        configuration.csvPath = check.optionalString("ingest.csv.path")
        configuration.csv.delimiter = check.choice("ingest.csv.delimiter", default: .automatic,
                                                   ["automatic": .automatic, "comma": .comma, "semicolon": .semicolon, "tab": .tab])
        configuration.csv.encoding = check.choice("ingest.csv.encoding", default: .automatic,
                                                  ["automatic": .automatic, "utf8": .utf8, "gb18030": .gb18030])
        var mapping = OccupancyMapping()
        for (key, path) in [("room", \OccupancyMapping.room), ("guest", \.guest), ("arrival", \.arrival), ("departure", \.departure),
                            ("status", \.status), ("group", \.group), ("booking", \.booking), ("language", \.language)] {
            let names = check.stringArray("ingest.csv.columns.\(key)", secret: false)
            if !names.isEmpty { mapping[keyPath: path] = names }
        }
        let inHouse = check.stringArray("ingest.csv.inHouseStatuses", secret: false)
        if !inHouse.isEmpty { mapping.inHouseStatuses = inHouse }
        let departed = check.stringArray("ingest.csv.departedStatuses", secret: false)
        if !departed.isEmpty { mapping.departedStatuses = departed }
        mapping.dateOrder = check.choice("ingest.csv.dateOrder", default: .ymd, ["ymd": .ymd, "dmy": .dmy, "mdy": .mdy])
        for (key, path) in [("arrivalTime", \OccupancyMapping.arrivalTime), ("departureTime", \.departureTime)] {
            let value = check.string("ingest.csv.\(key)", default: mapping[keyPath: path])
            if TimeOfDay(value) == nil { check.problem("ingest.csv.\(key)", "\"\(value)\" is not a time HH:mm") } else { mapping[keyPath: path] = value }
        }
        configuration.mapping = mapping
        configuration.csvQuietPeriod = check.seconds("ingest.csv.quietPeriod", default: 2, in: 0.1...600)
        let poll = check.seconds("ingest.csv.pollInterval", default: 5, in: 0...3600)
        configuration.csvPollInterval = poll == .zero ? nil : poll
        configuration.csvStaleAfter = check.seconds("ingest.csv.staleAfter", default: 21_600, in: 60...604_800)
        configuration.vanishThreshold = check.double("ingest.csv.vanishThreshold", default: 0.3, in: 0.01...1)
        configuration.minimumStaysForHold = check.int("ingest.csv.minimumStaysForHold", default: 4, in: 0...100_000)
        configuration.guestsPerRoom = check.int("ingest.guestsPerRoom", default: InputBounds.guestsPerRoom, in: InputBounds.guestsPerRoomRange)
        configuration.socketPath = check.optionalString("ingest.socket.path")
        let mode = check.string("ingest.socket.mode", default: "0660")
        if let parsed = mode_t(mode, radix: 8), parsed <= 0o777 {
            configuration.socketMode = parsed
        } else {
            check.problem("ingest.socket.mode", "\"\(mode)\" is not an octal file mode like 0660")
        }

        configuration.httpHost = check.string("http.host", default: "127.0.0.1")
        configuration.httpPort = check.int("http.port", default: 8080, in: 0...65535)
        configuration.secureCookies = check.bool("http.secureCookies", default: false)
        configuration.sessionIdle = .seconds(check.int("http.sessionIdle", default: 900, in: 60...43_200))
        // One account per person (`role:person:secret`), from the list and/or a users file.
        var accounts: [(key: String, entry: String)] = check.stringArray("http.tokens").enumerated().map { ("http.tokens[\($0)]", $1) }
        if let users = check.optionalString("http.usersFile") {
            let path = users.hasPrefix("/") ? users : (base as NSString).appendingPathComponent(users)
            configuration.usersFile = path
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let entry = line.trimmingCharacters(in: .whitespaces)
                    if entry.isEmpty || entry.hasPrefix("#") { continue }
                    accounts.append(("http.usersFile line \(number + 1)", entry))
                }
            } else {
                check.problem("http.usersFile", "cannot read \(path)")
            }
        }
        var tokenKeys: [String] = []
        for (key, entry) in accounts {
            guard let token = APIToken(entry) else {
                check.problem(key, "must be role:person:secret with role reception, housekeeping or admin and a secret of at least 16 characters")
                continue
            }
            configuration.tokens.append(token)
            tokenKeys.append(key)
        }
        // One secret, one person: with two, the first would win silently and the second could never sign in.
        var keyOfSecret: [String: String] = [:]
        for (index, token) in configuration.tokens.enumerated() {
            let key = tokenKeys[index]
            if let first = keyOfSecret[token.secret] {
                check.problem(key, "has the same secret as \(first): give each account its own")
            } else {
                keyOfSecret[token.secret] = key
            }
        }
        if configuration.tokens.isEmpty { check.problem("http.tokens", "give at least one account (role:person:secret) here or in http.usersFile") }
        // The shipped demo secrets are public: outside the simulator they would let anyone in.
        if !configuration.pbxSimulator {
            for (index, token) in configuration.tokens.enumerated() where Self.demoSecrets.contains(token.secret) {
                check.problem(tokenKeys[index], "is a demo token shipped with Reveille; set your own secret before talking to a real PBX")
            }
            if configuration.pbxDriver == .tcp, Self.demoSecrets.contains(configuration.pbxPassword) {
                check.problem("pbx.password", "is the demo password shipped with Reveille; set the account's real password")
            }
        }
        let webhookSecret = check.string("alerts.webhook.secret", default: "", secret: true)
        if let url = check.optionalString("alerts.webhook.url") {
            let secret = webhookSecret
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil {
                if secret.count < 16 {
                    check.problem("alerts.webhook.secret", "is required with alerts.webhook.url: at least 16 characters to sign each alert with")
                }
                configuration.webhook = WebhookConfiguration(url: url, secret: secret)
            } else {
                check.problem("alerts.webhook.url", "\"\(url.prefix(80))\" is not an http:// or https:// URL")
            }
        }
        configuration.outcomes.notRungGrace = check.seconds("outcomes.notRungGrace", default: 120, in: 30...1800).seconds
        configuration.outcomes.earlyTolerance = check.seconds("outcomes.earlyTolerance", default: 90, in: 0...600).seconds
        // Minutes after its time a wake-up the PBX could not take is still caught up (0: never).
        configuration.outcomes.catchUpWindow = TimeInterval(check.int("wakeup.catchUpWindow", default: 15, in: 0...120) * 60)
        configuration.retentionDays = check.int("retention.days", default: 400, in: 1...3650)
        configuration.dataFolder = check.string("storage.dataFolder", default: "data")
        configuration.logLevel = check.choice("log.level", default: "info",
                                              Dictionary(uniqueKeysWithValues: ["trace", "debug", "info", "notice", "warning", "error"].map { ($0, $0) }))
        guard check.problems.isEmpty else { throw Problems(problems: check.problems) }
        configuration.resolvePaths(relativeTo: base)
        // The sample guests `reveille init` writes must never be imported and pushed to a real PBX.
        if !configuration.pbxSimulator, let path = configuration.csvPath, EmbeddedDefaults.isSampleExport(atPath: path) {
            throw Problems(problems: [
                "ingest.csv.path: \(path) is the sample export written by `reveille init` (its 12 sample guests); "
                    + "point it at the PMS's in-house export (or remove it) before talking to a real PBX"
            ])
        }
        return configuration
    }

    /// The secrets in the shipped `Config/reveille.yaml`, the compiled-in defaults and the README:
    /// refused with a real PBX.
    static let demoSecrets: Set<String> = [
        "pms-demo-password", "reception-demo-token", "housekeeping-demo-token", "admin-demo-token-0001",
    ]

    /// Reads keys, collecting every problem instead of stopping at the first.
    struct Check {
        let reader: ConfigReader
        var problems: [String] = []
        /// Every key asked for, found or not.
        var keysRead: Set<String> = []

        mutating func problem(_ key: String, _ rule: String) {
            problems.append("\(key): \(rule)")
        }

        private mutating func read<T>(_ key: String, _ kind: String, default value: T, _ body: (ConfigReader) throws -> T) -> T {
            let reader = self.reader
            keysRead.insert(key)
            let result = Result { try body(reader) }
            switch result {
            case .success(let found):
                return found
            case .failure(let error):
                if !"\(error)".hasPrefix("Missing required") { problem(key, "must be \(kind)") }
                return value
            }
        }

        mutating func string(_ key: String, default value: String, secret: Bool = false) -> String {
            read(key, "text", default: value) { try $0.requiredString(forKey: ConfigKey(key), isSecret: secret) }
        }

        mutating func optionalString(_ key: String) -> String? {
            let value = string(key, default: "")
            return value.isEmpty ? nil : value
        }

        mutating func int(_ key: String, default value: Int, in range: ClosedRange<Int>) -> Int {
            let number = read(key, "a whole number", default: value) { try $0.requiredInt(forKey: ConfigKey(key)) }
            guard range.contains(number) else {
                problem(key, "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
                return value
            }
            return number
        }

        mutating func double(_ key: String, default value: Double, in range: ClosedRange<Double>) -> Double {
            let number = read(key, "a number", default: value) { reader in
                do { return try reader.requiredDouble(forKey: ConfigKey(key)) } catch {
                    // A whole number in YAML is an int.
                    if let whole = try? reader.requiredInt(forKey: ConfigKey(key)) { return Double(whole) }
                    throw error
                }
            }
            guard range.contains(number) else {
                problem(key, "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
                return value
            }
            return number
        }

        mutating func seconds(_ key: String, default value: Double, in range: ClosedRange<Double>) -> Duration {
            .milliseconds(Int64((double(key, default: value, in: range) * 1000).rounded()))
        }

        mutating func bool(_ key: String, default value: Bool) -> Bool {
            read(key, "true or false", default: value) { try $0.requiredBool(forKey: ConfigKey(key)) }
        }

        mutating func stringArray(_ key: String, secret: Bool = true) -> [String] {
            read(key, "a list of text", default: []) { try $0.requiredStringArray(forKey: ConfigKey(key), isSecret: secret) }
        }

        mutating func callClass(_ key: String, default value: CallClass) -> CallClass {
            CallClass(rawValue: int(key, default: value.rawValue, in: 1...5)) ?? value
        }

        mutating func choice<T>(_ key: String, default value: T, _ choices: [String: T]) -> T {
            let text = string(key, default: "")
            if text.isEmpty { return value }
            guard let chosen = choices[text] else {
                problem(key, "\"\(text)\" is not one of \(choices.keys.sorted().joined(separator: ", "))")
                return value
            }
            return chosen
        }
    }
}
