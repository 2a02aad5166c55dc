import GRDB

extension Migrations {
    /// v14: an index on the occurrences' follow-up time. Every snapshot (each booking's room, every
    /// plan) asks for the follow-ups still ahead, and without it SQLite scanned every occurrence
    /// ever kept (the retention period's, tens of thousands at a large hotel).
    static func registerV14(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14-follow-up-index") { db in
            try db.create(index: "wakeUpOccurrence_on_followUpAt", on: "wakeUpOccurrence", columns: ["followUpAt"])
        }
    }
}
