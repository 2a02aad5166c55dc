import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleIngest
import ReveilleStore

/// `reveille check`'s local lines: the rooms file, the database, the export, the time. Each reads
/// only; none stops at a problem: every line is reported.
public enum CommissioningCheck {
    /// The rooms file: how many rooms and extensions (duplicates and bad rows fail with their lines).
    public static func roomsFile(_ configuration: ReveilleConfiguration) -> (line: CheckLine, rooms: [Room]) {
        do {
            let rooms = try RoomsFile.read(configuration.roomsFile)
            guard !rooms.isEmpty else {
                return (.fail("rooms file", "\(configuration.roomsFile) lists no room", fix: "add one line room,extension,floor,wing,tags per guest room"), [])
            }
            let floors = Set(rooms.map(\.floor)).sorted()
            let detail = "\(configuration.roomsFile): \(rooms.count) rooms, \(Set(rooms.map(\.phone)).count) extensions, floors \(floors.first ?? 0)–\(floors.last ?? 0)"
            return (.pass("rooms file", detail), rooms)
        } catch let problems as ReveilleConfiguration.Problems {
            let shown = problems.problems.prefix(5).joined(separator: "; ") + (problems.problems.count > 5 ? "; … \(problems.problems.count - 5) more" : "")
            return (.fail("rooms file", shown, fix: "fix hotel.roomsFile (room,extension,floor,wing,tags; each extension once)"), [])
        } catch {
            return (.fail("rooms file", "\(error)", fix: "fix hotel.roomsFile"), [])
        }
    }

    /// The database: integrity, schema, and the free space of its folder.
    public static func database(_ configuration: ReveilleConfiguration) -> (line: CheckLine, health: DatabaseHealth?) {
        let path = (configuration.dataFolder as NSString).appendingPathComponent("reveille.sqlite")
        let free = freeBytes(atOrAbove: configuration.dataFolder)
        let freeText = free.map { "\($0 / 1_048_576) MiB free" } ?? "free space unknown"
        if let free, free < 200 * 1_048_576 {
            return (.fail("database", "\(configuration.dataFolder): only \(freeText)", fix: "free disk space: the database, its WAL and the backup before a migration need room"), nil)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            return (.pass("database", "none yet at \(path) (created at the first start); \(freeText)"), nil)
        }
        do {
            let health = try Store.health(databaseAt: path)
            if health.integrity != ["ok"] {
                return (.fail("database", "\(path): integrity check found \(health.integrity.prefix(3).joined(separator: "; "))",
                              fix: "stop the service and `reveille restore` the last good backup"), health)
            }
            if !health.unknown.isEmpty {
                return (.fail("database", "\(path) was written by a newer release (\(health.unknown.last ?? ""))",
                              fix: "install that release again, or restore the backup taken before its migration"), health)
            }
            let schema = health.pending.isEmpty
                ? "schema current (\(health.applied.last?.prefix(while: { $0 != ":" }) ?? "-"))"
                : "\(health.pending.count) migration(s) will run at the next start, after a backup"
            return (.pass("database", "\(path): integrity ok, \(schema); \(freeText)"), health)
        } catch {
            return (.fail("database", "\(path): \(error)", fix: "check the file's owner and mode (the service's user reads and writes it)"), nil)
        }
    }

    /// The occupancy export: readable, when it last changed, whether it parses, how many in house.
    public static func export(_ configuration: ReveilleConfiguration, rooms: [Room], now: Date) -> CheckLine {
        guard let path = configuration.csvPath else {
            return .pass("export", "none (ingest.csv.path not set: occupancy from the PMS socket or by hand)")
        }
        let fix = "mount the PMS's export share (docs/DEPLOY.md: RequiresMountsFor=) and give the service's user read access to \(path)"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return .fail("export", "\(path) is not there", fix: fix)
        }
        guard !isFolder.boolValue, FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            return .fail("export", "\(path) cannot be read", fix: fix)
        }
        let calendar = HotelCalendar(timeZone: configuration.settings.timeZone)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        let changed = modified.map { "changed \(calendar.wallClock($0)) (\(Self.age(now.timeIntervalSince($0))) ago)" } ?? "change time unknown"
        do {
            let table = try CSVReader.read(data, options: configuration.csv)
            let reader = OccupancyRows(mapping: configuration.mapping, calendar: calendar, knownRooms: Set(rooms.map(\.number)))
            let result = try reader.read(table, file: (path as NSString).lastPathComponent, now: now)
            let unknown = Set(result.records.map(\.room)).subtracting(rooms.map(\.number))
            var detail = "\(path): \(changed); \(result.records.count) in house"
            if !result.problems.isEmpty { detail += ", \(result.problems.count) rows not usable (first: line \(result.problems[0].line): \(result.problems[0].reason))" }
            if !unknown.isEmpty { detail += ", rooms not in the rooms file: \(unknown.sorted().prefix(5).joined(separator: ", "))" }
            if let modified, now.timeIntervalSince(modified) > configuration.csvStaleAfter.seconds {
                return .fail("export", detail + ": older than ingest.csv.staleAfter", fix: "check that the PMS still writes its export to \(path)")
            }
            if result.records.isEmpty && !table.rows.isEmpty {
                return .fail("export", detail, fix: "map the export's columns (ingest.csv.columns.*, README \"Occupancy export\")")
            }
            return .pass("export", detail)
        } catch {
            return .fail("export", "\(path): \(changed); does not parse: \(error)",
                         fix: "map the export's columns and encoding (ingest.csv.columns.*, ingest.csv.encoding)")
        }
    }

    /// The hotel's zone and the host clock: the wall time to compare with a clock on the wall, and
    /// whether the host says its clock is synchronised (NTP). Unsynchronised fails with a real PBX.
    public static func time(_ configuration: ReveilleConfiguration, now: Date, synchronised: Bool? = hostClockSynchronised()) -> CheckLine {
        let calendar = HotelCalendar(timeZone: configuration.settings.timeZone)
        let detail = "hotel.timeZone \(configuration.settings.timeZone.identifier), hotel time now \(calendar.wallClock(now))"
        switch synchronised {
        case true?:
            return .pass("time", detail + "; host clock NTP-synchronised")
        case false? where !configuration.pbxSimulator:
            return .fail("time", detail + "; the host clock is not NTP-synchronised",
                         fix: "timedatectl set-ntp true (or chrony); the PBX keeps its own clock: set NTP there too (docs/DEPLOY.md §5)")
        case false?:
            return .pass("time", detail + "; host clock not NTP-synchronised (fine with the simulator)")
        case nil:
            return .pass("time", detail + "; NTP state unknown")
        }
    }

    /// Whether systemd says the host clock is NTP-synchronised (`timedatectl show -p NTPSynchronized`,
    /// which reads the kernel's clock state whichever NTP client runs); `nil` when it cannot tell.
    public static func hostClockSynchronised() -> Bool? {
        let tool = "/usr/bin/timedatectl"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["show", "--property=NTPSynchronized", "--value"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        switch String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) {
        case "yes": return true
        case "no": return false
        default: return nil
        }
    }

    /// The free bytes of the file system holding `path` (or its nearest existing folder above).
    static func freeBytes(atOrAbove path: String) -> UInt64? {
        var folder = path
        while !FileManager.default.fileExists(atPath: folder), folder != "/", !folder.isEmpty {
            folder = (folder as NSString).deletingLastPathComponent
        }
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder),
              let free = attributes[.systemFreeSize] as? NSNumber
        else { return nil }
        return free.uint64Value
    }

    /// `3 min`, `5 h 2 min`, `2 d`.
    static func age(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int(seconds / 60))
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h \(minutes % 60) min" }
        return "\(minutes / 1440) d"
    }
}
