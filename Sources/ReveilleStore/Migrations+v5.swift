import GRDB

extension Migrations {
    /// v5: ids come from SQLite's `AUTOINCREMENT` (issue 9 §3). Before, an id was the largest plus
    /// one, taken outside the saving transaction: two bookings at once could get the same id, and
    /// the id of a deleted row was given again, so a stale `DELETE` cancelled someone else's
    /// booking. Each table is rebuilt with the same columns; its rows keep their ids, and
    /// `sqlite_sequence` remembers the largest id ever used from now on.
    static func registerV5(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5: ids from AUTOINCREMENT, never reused") { db in
            try rebuild(db, "stay") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("room", .text).notNull().indexed()
                t.column("guestName", .text).notNull()
                t.column("arrival", .datetime).notNull()
                t.column("departure", .datetime).notNull()
                t.column("groupCode", .text).indexed()
                t.column("status", .text).notNull()
                t.column("callClass", .integer)
            }
            try rebuild(db, "wakeUpPolicy") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("room", .text).notNull().indexed()
                t.column("stayID", .integer)
                t.column("time", .text).notNull()
                t.column("recurrence", .text).notNull()
                t.column("options", .text).notNull()
            }
            try rebuild(db, "groupWakeUp") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("members", .text).notNull()
                t.column("time", .text).notNull()
                t.column("recurrence", .text).notNull()
                t.column("options", .text).notNull()
            }
            try rebuild(db, "dndWindow") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("room", .text).notNull().indexed()
                t.column("stayID", .integer)
                t.column("start", .datetime).notNull()
                t.column("end", .datetime).notNull()
            }
            try rebuild(db, "dndRule") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("selector", .text).notNull()
                t.column("action", .text).notNull()
                t.column("priority", .integer).notNull()
                t.column("enabled", .boolean).notNull()
            }
            try rebuild(db, "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("room", .text).notNull()
                t.column("phone", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("command", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("groupID", .integer).indexed()
                t.column("dueAt", .datetime)
                t.column("state", .text).notNull().indexed()
                t.column("attempts", .integer).notNull()
                t.column("lastError", .text)
                t.column("notBefore", .datetime)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(index: "outbox_one_pending", on: "outbox", columns: ["phone", "kind"], unique: true,
                          condition: Column("state") == "pending")
            try db.create(index: "outbox_by_phone_kind", on: "outbox", columns: ["phone", "kind", "id"])
            try rebuild(db, "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull().indexed()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("entity", .text).notNull()
                t.column("entityID", .text)
                t.column("before", .text)
                t.column("after", .text)
            }
        }
    }

    /// Recreates `table` with `columns` (the same names, in the same order) and copies its rows.
    private static func rebuild(_ db: Database, _ table: String, columns: (TableDefinition) -> Void) throws {
        try db.rename(table: table, to: table + "_v4")
        // The old table's indexes moved with it; their names must be free for the new table's.
        for index in try db.indexes(on: table + "_v4") where !index.name.hasPrefix("sqlite_autoindex") {
            try db.drop(index: index.name)
        }
        try db.create(table: table, body: columns)
        let names = try db.columns(in: table).map { $0.name.quotedDatabaseIdentifier }.joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(table.quotedDatabaseIdentifier) (\(names)) SELECT \(names) FROM \((table + "_v4").quotedDatabaseIdentifier)")
        try db.drop(table: table + "_v4")
    }
}
