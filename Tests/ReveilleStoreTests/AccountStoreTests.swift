import Foundation
import GRDB
import ReveilleCore
@testable import ReveilleStore
import Testing

/// Migration v12: staff accounts, unique whatever the case of their user name, audited without
/// their password hash; a database of v11 gains the table and keeps its rows.
struct AccountStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_521_600)

    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID().uuidString).sqlite").path
    }

    static func account(_ name: String, hash: String = "$2b$04$hash") -> Account {
        Account(userName: name, displayName: "王芳", role: .reception, passwordHash: hash, createdAt: now, changedAt: now)
    }

    @Test func aV11DatabaseGainsTheAccountTableAndKeepsItsRows() throws {
        let path = Self.path()
        let pool = try DatabasePool(path: path)
        try Migrations.migrator.migrate(pool, upTo: "v11-catch-up")
        try pool.write { db in
            try db.execute(sql: "INSERT INTO room (number, phone, floor, tags) VALUES ('1201', '8201', 12, '[]')")
        }
        #expect(try pool.read { db in try db.tableExists("account") } == false)
        try pool.close()

        let store = try Store(path: path)
        #expect(try store.appliedMigrations().contains("v12-accounts"))
        #expect(try store.roomNumbers() == ["1201"])
        #expect(try store.accounts().isEmpty)
        let created = try store.createAccount(Self.account("wang.fang"), actor: "test", at: Self.now)
        #expect(created.id > 0 && created.createdAt == Self.now)
    }

    @Test func userNamesAreUniqueWhateverTheirCaseAndARefusalStoresNothing() throws {
        let store = try Store(path: Self.path())
        _ = try store.createAccount(Self.account("wang.fang"), actor: "test", at: Self.now)
        let auditBefore = try store.audit().count
        #expect {
            _ = try store.createAccount(Self.account("WANG.FANG"), actor: "test", at: Self.now)
        } throws: { error in
            (error as? InputError)?.code == .userNameTaken && (error as? InputError)?.field == "user"
        }
        // The database's own rule holds too, whoever writes.
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in
                try db.execute(
                    sql: "INSERT INTO account (userName, displayName, role, passwordHash, disabled, createdAt, changedAt) VALUES ('Wang.Fang', 'x', 'admin', 'h', 0, ?, ?)",
                    arguments: [Self.now, Self.now])
            }
        }
        #expect(try store.accounts().count == 1)
        #expect(try store.audit().count == auditBefore)
        #expect(try store.account(named: "Wang.Fang")?.userName == "wang.fang")
    }

    @Test func aChangeIsAuditedWithoutTheHash() throws {
        let store = try Store(path: Self.path())
        _ = try store.createAccount(Self.account("li.na", hash: "$2b$04$firstsecrethash"), actor: "cli:root", at: Self.now)
        let changed = try #require(try store.setPasswordHash("$2b$04$secondsecrethash", of: "li.na", actor: "cli:root", at: Self.now + 60))
        #expect(changed.passwordHash == "$2b$04$secondsecrethash" && changed.changedAt == Self.now + 60)
        let disabled = try #require(try store.setDisabled(true, userName: "LI.NA", actor: "cli:root", at: Self.now + 120))
        #expect(disabled.disabled)
        #expect(try store.setDisabled(true, userName: "nobody", actor: "cli:root", at: Self.now) == nil)
        let audit = try store.audit().filter { $0.entity == "account" }
        #expect(audit.map(\.action).sorted() == ["create", "disable", "password"])
        let text = audit.map { ($0.before ?? "") + ($0.after ?? "") }.joined()
        #expect(text.contains("li.na") && !text.contains("secrethash") && !text.contains("passwordHash"))
    }
}
