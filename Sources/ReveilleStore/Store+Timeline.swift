import Foundation
import GRDB
import ReveilleCore

extension Store {
    /// The wake-up rings (ExtenStatus 10 and how each ended) of `room` that started in `from..<to`.
    public func wakeUpAttempts(room: String, from: Date, to: Date) throws -> [WakeUpAttemptRecord] {
        try database.read { db in
            try WakeUpAttemptRecord
                .filter(Column("room") == room && Column("ringAt") >= from && Column("ringAt") < to)
                .order(Column("ringAt"), Column("id"))
                .fetchAll(db)
        }
    }

    /// The alerts of `room` raised in `from..<to`, or about a wake-up scheduled then, oldest first.
    public func alerts(room: String, from: Date, to: Date) throws -> [Alert] {
        try database.read { db in
            try Alert
                .filter(Column("room") == room
                    && ((Column("raisedAt") >= from && Column("raisedAt") < to) || (Column("scheduledAt") >= from && Column("scheduledAt") < to)))
                .order(Column("raisedAt"), Column("id"))
                .fetchAll(db)
        }
    }

    /// The audited drops of the link, logins (`verify`: every acknowledgement forgotten after a
    /// login, §8) and resyncs of the whole PBX in `from..<to`.
    public func linkAudit(from: Date, to: Date) throws -> [AuditEntry] {
        let entity = Column("entity"), action = Column("action"), at = Column("at")
        let logins: SQLExpression = entity == "acknowledged" && ["verify", "resync"].contains(action)
        let drops: SQLExpression = entity == "link" && action == "down"
        let window: SQLExpression = at >= from && at < to
        return try database.read { db in
            try AuditEntry
                .filter((logins || drops) && window)
                .order(Column("at"), Column("id"))
                .limit(500)
                .fetchAll(db)
        }
    }

    /// Audits a drop of the PBX link, with the link's reason (a room's timeline shows it).
    public func auditLinkDrop(reason: String, at now: Date) throws {
        try database.write { db in
            try audit(db, actor: "pbx", action: "down", entity: "link", id: nil, before: Optional<String>.none, after: reason, at: now)
        }
    }
}
