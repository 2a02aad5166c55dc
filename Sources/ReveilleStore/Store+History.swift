import Foundation
import GRDB
import ReveilleCore

/// A call detail record (§5.1) as stored: times as the PBX wrote them (the hotel's wall clock).
public struct CDRRecord: Codable, Hashable, Sendable, FetchableRecord, TableRecord {
    public static let databaseTableName = "cdr"
    public var id: Int64
    public var caller: String
    public var callee: String
    /// `yyyy-MM-dd HH:mm:ss`.
    public var start: String
    public var answer: String?
    public var end: String
    public var duration: Int
    /// `ANSWERED`, `NO ANSWER`, `BUSY`, `FAILED`, `CONGESTION` or the PBX's own text.
    public var disposition: String
    public var callType: String
    public var receivedAt: Date
}

/// How many rows a retention pass removed, by table.
public struct PruneReport: Hashable, Sendable {
    public var removed: [String: Int] = [:]
    public var total: Int { removed.values.reduce(0, +) }
}

extension Store {
    /// Audit entries in `since..<until` touching `room` (its row, or any row or PBX exchange whose
    /// JSON names the room or its extension), oldest first.
    public func audit(room: String?, since: Date?, until: Date?, limit: Int = 10_000) throws -> [AuditEntry] {
        try database.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let since { clauses.append("at >= ?"); arguments += [since] }
            if let until { clauses.append("at < ?"); arguments += [until] }
            if let room {
                var needles = ["\"room\":\"\(Self.jsonEscaped(room))\""]
                if let phone = try String.fetchOne(db, sql: "SELECT phone FROM room WHERE number = ?", arguments: [room]) {
                    needles.append("\"phone\":\"\(Self.jsonEscaped(phone))\"")
                }
                var any = ["(entity = 'room' AND entityID = ?)"]
                arguments += [room]
                for needle in needles {
                    any.append("instr(COALESCE(before, ''), ?) > 0 OR instr(COALESCE(after, ''), ?) > 0")
                    arguments += [needle, needle]
                }
                clauses.append("(" + any.joined(separator: " OR ") + ")")
            }
            let condition = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [limit]
            return try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit \(condition) ORDER BY at, id LIMIT ?", arguments: arguments)
        }
    }

    /// CDRs whose `Start` falls on the hotel's `date` (wall clock), to or from `room`'s extension
    /// when given, oldest first.
    public func cdrs(on date: LocalDate, room: String?) throws -> [CDRRecord] {
        try database.read { db in
            var sql = "SELECT * FROM cdr WHERE start >= ? AND start < ?"
            var arguments: StatementArguments = ["\(date) 00:00:00", "\(date.adding(days: 1)) 00:00:00"]
            if let room {
                let phone = try String.fetchOne(db, sql: "SELECT phone FROM room WHERE number = ?", arguments: [room]) ?? room
                sql += " AND (callee = ? OR caller = ?)"
                arguments += [phone, phone]
            }
            return try CDRRecord.fetchAll(db, sql: sql + " ORDER BY start, id", arguments: arguments)
        }
    }

    /// Removes history older than `cutoff`: audit entries, finished outbox rows,
    /// wake-up rings, CDRs, finished occurrences and acknowledged alerts. What is still pending or
    /// open is kept whatever its age.
    @discardableResult
    public func prune(before cutoff: Date) throws -> PruneReport {
        let statements: [(String, String)] = [
            ("audit", "DELETE FROM audit WHERE at < ?"),
            ("outbox", "DELETE FROM outbox WHERE state IN ('done', 'superseded', 'failed') AND updatedAt < ?"),
            ("wakeUpAttempt", "DELETE FROM wakeUpAttempt WHERE ringAt < ?"),
            ("cdr", "DELETE FROM cdr WHERE receivedAt < ?"),
            ("wakeUpOccurrence", "DELETE FROM wakeUpOccurrence WHERE scheduledAt < ? AND state NOT IN ('upcoming', 'ringing')"),
            ("alert", "DELETE FROM alert WHERE raisedAt < ? AND acknowledgedAt IS NOT NULL"),
        ]
        return try database.write { db in
            var report = PruneReport()
            for (table, sql) in statements {
                try db.execute(sql: sql, arguments: [cutoff])
                report.removed[table] = db.changesCount
            }
            return report
        }
    }

    /// The database's size in bytes (pages in use and free): what retention keeps flat.
    public func databaseBytes() throws -> Int {
        try database.read { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return pages * size
        }
    }

    private static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
