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
