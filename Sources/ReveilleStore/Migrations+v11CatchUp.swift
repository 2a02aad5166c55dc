import GRDB

extension Migrations {
    /// v11 (issue 23): an occurrence's catch-up (§1) — the minute it rings late at — and the PBX
    /// outage that kept it from ringing at its time; a personal call's backup ring (§2); the
    /// follow-up call after an answer (§3). Rows from before v11 have none of these.
    static func registerV11(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11-catch-up") { db in
            try db.alter(table: "wakeUpOccurrence") { t in
                t.add(column: "catchUpAt", .datetime)
                t.add(column: "unreachableFrom", .datetime)
                t.add(column: "unreachableUntil", .datetime)
                t.add(column: "backupAt", .datetime)
                t.add(column: "followUpAfter", .integer)
                t.add(column: "followUpAt", .datetime)
            }
        }
    }
}
