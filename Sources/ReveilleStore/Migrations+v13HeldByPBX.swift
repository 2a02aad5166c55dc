import GRDB

extension Migrations {
    /// v13: whether a caught-up occurrence was already confirmed on the PBX before the outage (the
    /// PBX may also have rung it at its time, unheard; PROTOCOL.md §8 Decision (catch-up)). Rows
    /// from before v13 read false.
    static func registerV13(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13-held-by-pbx") { db in
            try db.alter(table: "wakeUpOccurrence") { t in
                t.add(column: "heldByPBX", .boolean).notNull().defaults(to: false)
            }
        }
    }
}
