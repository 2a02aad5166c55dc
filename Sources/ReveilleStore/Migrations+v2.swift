import GRDB

extension Migrations {
    /// v2: the PMS's key of each stay (booking number, or guest and arrival), so that exports and
    /// socket events find the stay again.
    static func registerV2(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: stay keys from the PMS") { db in
            try db.create(table: "stayKey") { t in
                t.primaryKey("key", .text)
                t.column("stayID", .integer).notNull().unique()
            }
        }
    }
}

extension Migrations {
    /// v3: the outbox is searched by extension and setting on every plan; without this index a
    /// 5,000-room plan scanned the whole outbox once per command.
    static func registerV3(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3: outbox index by extension and setting") { db in
            try db.create(index: "outbox_by_phone_kind", on: "outbox", columns: ["phone", "kind", "id"])
        }
    }
}

extension Migrations {
    /// v4: what the PBX reports — wake-up rings with their outcome, and call detail records (§5).
    static func registerV4(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4: wake-up attempts and CDRs") { db in
            try db.create(table: "wakeUpAttempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("phone", .text).notNull().indexed()
                t.column("room", .text)
                t.column("ringAt", .datetime).notNull().indexed()
                t.column("outcome", .text).notNull()
                t.column("endedAt", .datetime).notNull()
            }
            try db.create(table: "cdr") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("caller", .text).notNull()
                t.column("callee", .text).notNull().indexed()
                t.column("start", .text).notNull()
                t.column("answer", .text)
                t.column("end", .text).notNull()
                t.column("duration", .integer).notNull()
                t.column("disposition", .text).notNull()
                t.column("callType", .text).notNull()
                t.column("receivedAt", .datetime).notNull()
            }
        }
    }
}
