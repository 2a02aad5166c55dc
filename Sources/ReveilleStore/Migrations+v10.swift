import GRDB

extension Migrations {
    /// v10 (issue 10 §5): indexes for the planner's present-only snapshot (`Store.snapshot(at:)`):
    /// stays by status and by departure (SQLite answers the `status = 'inHouse' OR departure >= ?`
    /// of the snapshot with both), wake-ups and DND windows by their stay. Without them every plan
    /// scanned years of past stays to skip them.
    static func registerV10(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10: indexes for the present-only snapshot") { db in
            try db.create(index: "stay_on_status", on: "stay", columns: ["status"], ifNotExists: true)
            try db.create(index: "stay_on_departure", on: "stay", columns: ["departure"], ifNotExists: true)
            try db.create(index: "wakeUpPolicy_on_stayID", on: "wakeUpPolicy", columns: ["stayID"], ifNotExists: true)
            try db.create(index: "dndWindow_on_stayID", on: "dndWindow", columns: ["stayID"], ifNotExists: true)
        }
    }
}
