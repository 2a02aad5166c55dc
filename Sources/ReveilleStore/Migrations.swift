import GRDB

/// The schema, one migration per release. A migration that has landed is never edited: changes go
/// in a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: rooms, stays, wake-ups, DND, acknowledged state, outbox, audit") { db in
            try db.create(table: "room") { t in
                t.primaryKey("number", .text)
                t.column("phone", .text).notNull().unique()
                t.column("floor", .integer).notNull()
                t.column("wing", .text)
                t.column("tags", .text).notNull()
                t.column("outOfOrder", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "stay") { t in
                t.primaryKey("id", .integer)
                t.column("room", .text).notNull().indexed()
                t.column("guestName", .text).notNull()
                t.column("arrival", .datetime).notNull()
                t.column("departure", .datetime).notNull()
                t.column("groupCode", .text).indexed()
                t.column("status", .text).notNull()
                t.column("callClass", .integer)
            }
            try db.create(table: "wakeUpPolicy") { t in
                t.primaryKey("id", .integer)
                t.column("room", .text).notNull().indexed()
                t.column("stayID", .integer)
                t.column("time", .text).notNull()
                t.column("recurrence", .text).notNull()
                t.column("options", .text).notNull()
            }
            try db.create(table: "groupWakeUp") { t in
                t.primaryKey("id", .integer)
                t.column("name", .text).notNull()
                t.column("members", .text).notNull()
                t.column("time", .text).notNull()
                t.column("recurrence", .text).notNull()
                t.column("options", .text).notNull()
            }
            try db.create(table: "dndWindow") { t in
                t.primaryKey("id", .integer)
                t.column("room", .text).notNull().indexed()
                t.column("stayID", .integer)
                t.column("start", .datetime).notNull()
                t.column("end", .datetime).notNull()
            }
            try db.create(table: "dndRule") { t in
                t.primaryKey("id", .integer)
                t.column("name", .text).notNull()
                t.column("selector", .text).notNull()
                t.column("action", .text).notNull()
                t.column("priority", .integer).notNull()
                t.column("enabled", .boolean).notNull()
            }
            try db.create(table: "acknowledged") { t in
                t.primaryKey("phone", .text)
                t.column("alarmClock", .text)
                t.column("dnd", .text)
                t.column("name", .text)
                t.column("callClass", .integer)
                t.column("confirmedAt", .datetime)
            }
            try db.create(table: "outbox") { t in
                t.primaryKey("id", .integer)
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
            // At most one command waiting per extension and setting: a newer plan replaces it.
            try db.create(index: "outbox_one_pending", on: "outbox", columns: ["phone", "kind"], unique: true,
                          condition: Column("state") == "pending")
            try db.create(table: "audit") { t in
                t.primaryKey("id", .integer)
                t.column("at", .datetime).notNull().indexed()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("entity", .text).notNull()
                t.column("entityID", .text)
                t.column("before", .text)
                t.column("after", .text)
            }
        }
        registerV2(&migrator)
        registerV3(&migrator)
        registerV4(&migrator)
        registerV5(&migrator)
        registerV6(&migrator)
        registerV7(&migrator)
        registerV8(&migrator)
        registerV9(&migrator)
        registerV10(&migrator)
        registerV11(&migrator)
        registerV12(&migrator)
        registerV13(&migrator)
        registerV14(&migrator)
        registerV15(&migrator)
        return migrator
    }
}
