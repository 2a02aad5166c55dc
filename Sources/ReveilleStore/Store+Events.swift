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
    /// How many wake-up rings ended with each outcome, over the whole history kept.
    public func wakeUpOutcomeCounts() throws -> [String: Int] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) AS n FROM wakeUpAttempt GROUP BY outcome")
                .map { ($0["outcome"] as String, $0["n"] as Int) })
        }
    }

    public func wakeUpAttempts(limit: Int = 100) throws -> [WakeUpAttemptRecord] {
        try database.read { db in
            try WakeUpAttemptRecord.order(Column("ringAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// The latest ring of each extension.
    public func lastWakeUpAttempts(phones: Set<String>? = nil) throws -> [String: WakeUpAttemptRecord] {
        try database.read { db in
            var sql = "SELECT * FROM wakeUpAttempt WHERE id IN (SELECT MAX(id) FROM wakeUpAttempt"
            var arguments = StatementArguments()
            if let phones {
                sql += " WHERE phone IN (\(databaseQuestionMarks(count: phones.count)))"
                arguments = StatementArguments(phones.sorted())
            }
            let records = try WakeUpAttemptRecord.fetchAll(db, sql: sql + " GROUP BY phone)", arguments: arguments)
            return Dictionary(records.map { ($0.phone, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Number of CDRs stored.
    public func cdrCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cdr") ?? 0 }
    }
}
