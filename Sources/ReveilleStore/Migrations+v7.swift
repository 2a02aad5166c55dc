import GRDB

extension Migrations {
    /// v7: when the PBX confirmed each extension's AlarmClock list (issue 13, §4.4 Decision
    /// (days)): a list is pushed again once a ring after that instant has used it up, even when its
    /// value is unchanged. Rows acknowledged before v7 have none and are pushed again after their
    /// next ring by the verification after login (§8).
    static func registerV7(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7: acknowledged AlarmClock time") { db in
            try db.alter(table: "acknowledged") { t in
                t.add(column: "alarmClockConfirmedAt", .datetime)
            }
        }
    }
}
