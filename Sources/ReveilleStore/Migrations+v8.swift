import GRDB

extension Migrations {
    /// v8 (issue 10): an occurrence record for every wake-up that was due, with its attempts and
    /// outcome (§1), the alerts raised about them (§2), and the indexes retention prunes by (§5):
    /// CDRs by arrival, outbox rows by their last change.
    static func registerV8(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8: wake-up occurrences, alerts, retention indexes") { db in
            try db.create(table: "wakeUpOccurrence") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("room", .text).notNull()
                t.column("phone", .text).notNull().indexed()
                t.column("guest", .text)
                t.column("source", .text).notNull()
                t.column("groupID", .integer)
                t.column("groupName", .text)
                t.column("scheduledAt", .datetime).notNull().indexed()
                t.column("plannedAttempts", .integer).notNull()
                t.column("frequency", .integer).notNull()
                t.column("onPBX", .boolean).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("attempts", .text).notNull()
                t.column("ringingSince", .datetime)
                t.column("alertID", .integer)
                t.uniqueKey(["room", "scheduledAt"])
            }
            try db.create(table: "alert") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("room", .text).notNull()
                t.column("guest", .text)
                t.column("scheduledAt", .datetime).notNull()
                t.column("raisedAt", .datetime).notNull().indexed()
                t.column("message", .text).notNull()
                t.column("occurrenceID", .integer)
                t.column("acknowledgedAt", .datetime)
                t.column("acknowledgedBy", .text)
                t.column("action", .text)
                t.column("note", .text)
            }
            try db.create(index: "cdr_by_receivedAt", on: "cdr", columns: ["receivedAt"])
            try db.create(index: "outbox_by_updatedAt", on: "outbox", columns: ["updatedAt"])
        }
    }
}
