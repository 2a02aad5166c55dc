import Foundation
import GRDB
import PBXProtocol
import ReveilleCore

/// A wake-up ring as stored, with the room the extension belonged to then.
public struct WakeUpAttemptRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "wakeUpAttempt"
    public var id: Int64?
    public var phone: String
    public var room: String?
    public var ringAt: Date
    public var outcome: WakeUpOutcome
    public var endedAt: Date
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
            let records = try WakeUpAttemptRecord.fetchAll(db, sql: sql, arguments: arguments)
            return Dictionary(records.map { ($0.phone, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Number of CDRs stored.
    public func cdrCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cdr") ?? 0 }
    }
}
