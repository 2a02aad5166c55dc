import Foundation
import GRDB
import PBXProtocol
import ReveilleCore

/// A wake-up ring as stored, with the room the extension belonged to then.
public struct WakeUpAttemptRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord, ReadByPosition {
    public static let databaseTableName = "wakeUpAttempt"
    public var id: Int64?
    public var phone: String
    public var room: String?
    public var ringAt: Date
    public var outcome: WakeUpOutcome
    public var endedAt: Date

    public init(id: Int64?, phone: String, room: String?, ringAt: Date, outcome: WakeUpOutcome, endedAt: Date) {
        self.id = id
        self.phone = phone
        self.room = room
        self.ringAt = ringAt
        self.outcome = outcome
        self.endedAt = endedAt
    }

    static let readColumns = ["id", "phone", "room", "ringAt", "outcome", "endedAt"]

    public init(row: Row) throws {
        try self.init(row: row, positions: Self.positions(in: row))
    }

    /// Read by column (every `/api/rooms` build reads each room's newest ring: 5,000 once every
    /// room has rung, a fifth of the build through `Decodable`).
    init(row: Row, positions at: ColumnPositions) throws {
        self.init(
            id: try row.decode(atIndex: at[0]), phone: try row.decode(atIndex: at[1]), room: try row.decode(atIndex: at[2]),
            ringAt: try row.storedDate(atIndex: at[3]),
            outcome: try row.storedCase(atIndex: at[4], table: Self.databaseTableName, column: "outcome"),
            endedAt: try row.storedDate(atIndex: at[5]))
    }
}

extension Store {
    /// Records a finished wake-up ring.
    public func record(_ attempt: WakeUpAttempt) throws {
        try database.write { db in
            let room = try String.fetchOne(db, sql: "SELECT number FROM room WHERE phone = ?", arguments: [attempt.phone])
            try WakeUpAttemptRecord(
                id: nil, phone: attempt.phone, room: room, ringAt: attempt.ringAt, outcome: attempt.outcome, endedAt: attempt.endedAt
            ).insert(db)
        }
    }

    /// Records a call detail record (§5.1) as the PBX sent it.
    public func record(_ cdr: CDR, receivedAt: Date) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO cdr (caller, callee, start, answer, "end", duration, disposition, callType, receivedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [cdr.caller, cdr.callee, cdr.start.description, cdr.answer?.description, cdr.end.description,
                            cdr.duration, cdr.disposition.rawValue, cdr.callType.rawValue, receivedAt])
        }
    }

    /// The latest wake-up rings, newest first.
    /// How many wake-up rings stored after the ring `id` ended with each outcome, and the newest
    /// ring's id (`id` when there is none): what the metrics count as new, read along the primary
    /// key (the rings since the last count, not the 400 days kept) and untouched by retention
    /// deleting old rings. `id` 0: every ring kept.
    public func wakeUpOutcomes(after id: Int64) throws -> (counts: [String: Int], through: Int64) {
        try database.read { db in
            var counts: [String: Int] = [:]
            var through = id
            for row in try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) AS n, MAX(id) AS newest FROM wakeUpAttempt WHERE id > ? GROUP BY outcome", arguments: [id]) {
                counts[row["outcome"] as String, default: 0] += row["n"] as Int
                through = max(through, row["newest"] as Int64)
            }
            return (counts, through)
        }
    }

    /// The newest ring's id (0 without any).
    public func newestWakeUpAttemptID() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM wakeUpAttempt") ?? 0 }
    }

    public func wakeUpAttempts(limit: Int = 100) throws -> [WakeUpAttemptRecord] {
        try database.read { db in
            try WakeUpAttemptRecord.order(Column("ringAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// The latest ring of each room's extension (of `phones` only, when given).
    ///
    /// One index seek per extension (the newest id on `wakeUpAttempt(phone)`), never a pass over
    /// the rings kept: retention keeps 400 days of them, a million rows in a large hotel, and a
    /// `GROUP BY phone` over them took 150 ms of every `/api/rooms` build (5 ms this way).
    public func lastWakeUpAttempts(phones: Set<String>? = nil) throws -> [String: WakeUpAttemptRecord] {
        try database.read { db in
            let extensions: String
            var arguments = StatementArguments()
            if let phones {
                guard !phones.isEmpty else { return [:] }
                extensions = "VALUES " + Array(repeating: "(?)", count: phones.count).joined(separator: ",")
                arguments = StatementArguments(phones.sorted())
            } else {
                extensions = "SELECT DISTINCT phone FROM room"
            }
            let sql = """
                WITH wanted(phone) AS (\(extensions))
                SELECT * FROM wakeUpAttempt WHERE id IN (
                    SELECT (SELECT id FROM wakeUpAttempt latest WHERE latest.phone = wanted.phone ORDER BY id DESC LIMIT 1) FROM wanted)
                """
            // A ring row that cannot be read (an outcome this release does not know) is left out:
            // it is shown, not planned, and must not cost reception the rooms page.
            let read = WakeUpAttemptRecord.reader()
            var latest: [String: WakeUpAttemptRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                if let record = try? read(row) { latest[record.phone] = record }
            }
            return latest
        }
    }

    /// Number of CDRs stored.
    public func cdrCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cdr") ?? 0 }
    }
}
