import Foundation
import GRDB
import ReveilleCore

/// Staff accounts (v12). Every change writes its audit row (without the hash) in the same
/// transaction; the callers check the fields first (``AccountFields``).
extension Store {
    /// Adds an account (its `id` is given by the store). Throws `userNameTaken` for the field
    /// `user` when the name exists whatever its case; nothing is stored then.
    public func createAccount(_ account: Account, actor: String, at now: Date) throws -> Account {
        try database.write { db in
            if try Self.account(db, named: account.userName) != nil {
                throw AccountFields.taken(account.userName)
            }
            var created = account
            created.id = try Self.nextID(db, Account.databaseTableName)
            created.createdAt = now
            created.changedAt = now
            try created.insert(db)
            try audit(db, actor: actor, action: "create", entity: "account", id: created.userName,
                      before: Account.Audited?.none, after: Account.Audited(created), at: now)
            return created
        }
    }

    /// The account named `userName`, whatever its case.
    public func account(named userName: String) throws -> Account? {
        try database.read { db in try Self.account(db, named: userName) }
    }

    /// The account with this id (a session's account, read again on each request).
    public func account(id: Int64) throws -> Account? {
        try database.read { db in try Account.fetchOne(db, key: id) }
    }

    /// Every account, by user name.
    public func accounts() throws -> [Account] {
        try database.read { db in try Account.order(Column("userName")).fetchAll(db) }
    }

    /// Puts a new password hash in force (audited as `password`, without the hash). `nil`: no such account.
    public func setPasswordHash(_ hash: String, of userName: String, actor: String, at now: Date) throws -> Account? {
        try change(userName, action: "password", actor: actor, at: now) { $0.passwordHash = hash }
    }

    /// Disables (or enables again) an account (audited as `disable` / `enable`). `nil`: no such account.
    public func setDisabled(_ disabled: Bool, userName: String, actor: String, at now: Date) throws -> Account? {
        try change(userName, action: disabled ? "disable" : "enable", actor: actor, at: now) { $0.disabled = disabled }
    }

    private func change(
        _ userName: String, action: String, actor: String, at now: Date, _ edit: @Sendable (inout Account) -> Void
    ) throws -> Account? {
        try database.write { db in
            guard let before = try Self.account(db, named: userName) else { return nil }
            var after = before
            edit(&after)
            after.changedAt = now
            try after.update(db)
            try audit(db, actor: actor, action: action, entity: "account", id: after.userName,
                      before: Account.Audited(before), after: Account.Audited(after), at: now)
            return after
        }
    }

    static func account(_ db: Database, named userName: String) throws -> Account? {
        try Account.filter(sql: "userName = ? COLLATE NOCASE", arguments: [userName]).fetchOne(db)
    }
}
