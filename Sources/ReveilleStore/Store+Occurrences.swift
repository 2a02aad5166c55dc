import Foundation
import GRDB
import ReveilleCore

// One row per wake-up that was due, its attempts kept as JSON.
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

    /// The wake-ups being caught up: pending occurrences with a catch-up minute.
    /// And the follow-up calls (§3) of answered ones, from `since` on.
    static func catchUps(_ db: Database, since: Date?) throws -> [CatchUp] {
        let late = try Row.fetchAll(
            db,
            sql: "SELECT room, scheduledAt, catchUpAt FROM wakeUpOccurrence WHERE catchUpAt IS NOT NULL AND state IN (?, ?)",
            arguments: [OccurrenceState.upcoming.rawValue, OccurrenceState.ringing.rawValue]
        ).compactMap { row -> CatchUp? in
            guard let room = row["room"] as String?, let scheduledAt = row["scheduledAt"] as Date?, let at = row["catchUpAt"] as Date?
            else { return nil }
            return CatchUp(room: room, scheduledAt: scheduledAt, at: at)
        }
        let followUps = try Row.fetchAll(
            db, sql: "SELECT room, scheduledAt, followUpAt FROM wakeUpOccurrence WHERE followUpAt >= ?",
            arguments: [since ?? .distantPast]
        ).compactMap { row -> CatchUp? in
            guard let room = row["room"] as String?, let scheduledAt = row["scheduledAt"] as Date?, let at = row["followUpAt"] as Date?
            else { return nil }
            return CatchUp(room: room, scheduledAt: scheduledAt, at: at, followUp: true)
        }
        return late + followUps
    }

    /// The personal calls reception acknowledged (no backup ring for them), raised since `since`.
    static func personalCallsDone(_ db: Database, since: Date?) throws -> Set<OccurrenceKey> {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT room, scheduledAt FROM alert WHERE raisedAt >= ? AND kind = ? AND acknowledgedAt IS NOT NULL",
            arguments: [since ?? .distantPast, AlertKind.personalCall.rawValue])
        return Set(rows.compactMap { row in
            guard let room = row["room"] as String?, let scheduledAt = row["scheduledAt"] as Date? else { return nil }
            return OccurrenceKey(room: room, scheduledAt: scheduledAt)
        })
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
    /// These occurrences by id (an alert's parameters come from its occurrence).
    public func occurrences(ids: [Int64]) throws -> [Int64: WakeUpOccurrence] {
        guard !ids.isEmpty else { return [:] }
        return try database.read { db in
            let occurrences = try WakeUpOccurrence.filter(ids.contains(Column("id"))).fetchAll(db)
            return Dictionary(occurrences.compactMap { occurrence in occurrence.id.map { ($0, occurrence) } }, uniquingKeysWith: { a, _ in a })
        }
    }
}
