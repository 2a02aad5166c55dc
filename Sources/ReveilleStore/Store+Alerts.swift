import Foundation
import GRDB
import ReveilleCore

// Alerts, open until a person acknowledges them.
extension Alert: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "alert"
}

/// Why an acknowledgement was refused.
public enum AlertAcknowledgementError: Error, Hashable, Sendable {
    case unknownAlert(Int64)
    /// A person acknowledged it already: the first acknowledgement stands (who, when, what).
    case alreadyAcknowledged(Alert)
}

extension Store {
    /// Stores a new alert; when it is about a stored occurrence, the occurrence names it (one
    /// transaction). Returns it with its id.
    @discardableResult
    public func raise(
        _ kind: AlertKind, room: String, guest: String?, scheduledAt: Date, message: String, occurrence: WakeUpOccurrence? = nil,
        at now: Date
    ) throws -> Alert {
        try database.write { db in
            let stored = try occurrence.map { try Self.save($0, db) }
            let alert = Alert(
                id: try Self.nextID(db, Alert.databaseTableName), kind: kind, room: room, guest: guest, scheduledAt: scheduledAt,
                raisedAt: now, message: message, occurrenceID: stored?.id)
            try alert.insert(db)
            if let id = stored?.id {
                try db.execute(sql: "UPDATE wakeUpOccurrence SET alertID = ? WHERE id = ?", arguments: [alert.id, id])
            }
            return alert
        }
    }

    /// The alerts, newest first (`openOnly`: those not yet acknowledged).
    public func alerts(openOnly: Bool = false, raisedSince since: Date? = nil, limit: Int = 500) throws -> [Alert] {
        try database.read { db in
            var request = Alert.all()
            if openOnly { request = request.filter(Column("acknowledgedAt") == nil) }
            if let since { request = request.filter(Column("raisedAt") >= since) }
            return try request.order(Column("raisedAt").desc, Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// Records who dealt with an alert and how, audited (`actor`: the person's account).
    /// An alert is acknowledged once: the check and the write are one transaction, so of two
    /// people acknowledging at the same moment exactly one is recorded and audited.
    /// - Throws: ``AlertAcknowledgementError/unknownAlert(_:)`` for an id that names no alert,
    ///   ``AlertAcknowledgementError/alreadyAcknowledged(_:)`` for one already acknowledged.
    public func acknowledge(alert id: Int64, action: AlertAction, note: String?, actor: String, at now: Date) throws -> Alert {
        try database.write { db in
            guard let before = try Alert.fetchOne(db, key: id) else { throw AlertAcknowledgementError.unknownAlert(id) }
            guard before.isOpen else { throw AlertAcknowledgementError.alreadyAcknowledged(before) }
            var after = before
            after.acknowledgedAt = now
            after.acknowledgedBy = actor
            after.action = action
            after.note = note
            try after.update(db)
            try audit(db, actor: actor, action: "acknowledge", entity: "alert", id: "\(id)", before: before, after: after, at: now)
            return after
        }
    }
}
