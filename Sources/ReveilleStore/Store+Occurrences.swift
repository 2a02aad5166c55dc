import Foundation
import GRDB
import ReveilleCore

// Issue 10 §1: one row per wake-up that was due, its attempts kept as JSON.
extension WakeUpOccurrence: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "wakeUpOccurrence"
}

extension Store {
    /// Stores an occurrence: a new one, or the one of the same room and time updated. Returns it with its id.
    @discardableResult
    public func save(_ occurrence: WakeUpOccurrence) throws -> WakeUpOccurrence {
        try database.write { db in try Self.save(occurrence, db) }
    }

    static func save(_ occurrence: WakeUpOccurrence, _ db: Database) throws -> WakeUpOccurrence {
        var stored = occurrence
        if stored.id == nil {
            stored.id = try Int64.fetchOne(
                db, sql: "SELECT id FROM wakeUpOccurrence WHERE room = ? AND scheduledAt = ?",
                arguments: [occurrence.room, occurrence.scheduledAt])
        }
        if stored.id != nil {
            // The alert raised about it is kept whatever the caller knew.
            let alertID = try Int64.fetchOne(db, sql: "SELECT alertID FROM wakeUpOccurrence WHERE id = ?", arguments: [stored.id])
            stored.alertID = stored.alertID ?? alertID
            try stored.update(db)
        } else {
            try stored.insert(db)
            stored.id = db.lastInsertedRowID
        }
        return stored
    }

    /// Deletes the occurrence of this room and time, if stored (its wake-up moved with the guest to
    /// another room, where it has its own record).
    public func delete(occurrence: WakeUpOccurrence) throws {
        try database.write { db in
            try db.execute(
                sql: "DELETE FROM wakeUpOccurrence WHERE room = ? AND scheduledAt = ?", arguments: [occurrence.room, occurrence.scheduledAt])
        }
    }

    /// The occurrences the outcome machine starts from: every pending one, and those finished since `since`.
    public func knownOccurrences(since: Date) throws -> [WakeUpOccurrence] {
        try database.read { db in
            try WakeUpOccurrence
                .filter([OccurrenceState.upcoming.rawValue, OccurrenceState.ringing.rawValue].contains(Column("state"))
                    || Column("scheduledAt") >= since)
                .order(Column("scheduledAt"))
                .fetchAll(db)
        }
    }

    /// The occurrences scheduled in `from..<to`, of one room or all, in time order.
    public func occurrences(from: Date, to: Date, room: String? = nil) throws -> [WakeUpOccurrence] {
        try database.read { db in
            var request = WakeUpOccurrence.filter(Column("scheduledAt") >= from && Column("scheduledAt") < to)
            if let room { request = request.filter(Column("room") == room) }
            return try request.order(Column("scheduledAt"), Column("room")).fetchAll(db)
        }
    }
}

extension Store {
    /// How many attempts each of these occurrences has (an alert's `attempts` parameter).
    public func attemptCounts(of ids: [Int64]) throws -> [Int64: Int] {
        guard !ids.isEmpty else { return [:] }
        return try database.read { db in
            let occurrences = try WakeUpOccurrence.filter(ids.contains(Column("id"))).fetchAll(db)
            return Dictionary(occurrences.compactMap { occurrence in occurrence.id.map { ($0, occurrence.attempts.count) } }, uniquingKeysWith: { a, _ in a })
        }
    }
}
