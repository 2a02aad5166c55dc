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

    /// The audited logins (`verify`: every acknowledgement forgotten after a login, §8) and resyncs
    /// of the whole PBX in `from..<to`.
    public func linkAudit(from: Date, to: Date) throws -> [AuditEntry] {
        try database.read { db in
            try AuditEntry
                .filter(Column("entity") == "acknowledged" && ["verify", "resync"].contains(Column("action"))
                    && Column("at") >= from && Column("at") < to)
                .order(Column("at"), Column("id"))
                .limit(500)
                .fetchAll(db)
        }
    }
}

