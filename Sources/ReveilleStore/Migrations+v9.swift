import GRDB

extension Migrations {
    /// v9 (issue 14): the guest's language (§1: it picks the wake-up prompt) and the stay's
    /// personal-call mark (§2); an occurrence's personal-call marks and when reception was alerted.
    /// Rows from before v9 have no language and no personal calls.
    static func registerV9(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9: guest language, personal calls") { db in
            try db.alter(table: "stay") { t in
                t.add(column: "language", .text)
                t.add(column: "personalCall", .boolean).notNull().defaults(to: false)
            }
            try db.alter(table: "wakeUpOccurrence") { t in
                t.add(column: "personal", .boolean).notNull().defaults(to: false)
                t.add(column: "receptionOnly", .boolean).notNull().defaults(to: false)
                t.add(column: "personalAlertedAt", .datetime)
            }
        }
    }
}
