import GRDB

extension Migrations {
    /// v12 (issue "people sign in as themselves"): staff accounts with a user name (unique
    /// whatever its case), the person's name, a role, the bcrypt hash of the password (never the
    /// password), a disabled flag and when the account was created and last changed.
    static func registerV12(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v12-accounts") { db in
            try db.create(table: "account") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("userName", .text).notNull().unique().collate(.nocase)
                t.column("displayName", .text).notNull()
                t.column("role", .text).notNull()
                t.column("passwordHash", .text).notNull()
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
                t.column("changedAt", .datetime).notNull()
            }
        }
    }
}
