import Foundation
import ReveilleCore
import ReveilleStore

/// People's accounts: adding one, changing its password, disabling it, listing, and checking a
/// user name and password at sign-in. Fields are checked (``AccountFields``) before anything is
/// stored; passwords are hashed and verified off the cooperative threads (``PasswordHasher``).
/// Neither a password nor a hash is ever logged or audited.
public struct StaffAccounts: Sendable {
    public let store: Store
    public let hasher: PasswordHasher
    public var now: @Sendable () -> Date

    public init(store: Store, hasher: PasswordHasher = PasswordHasher(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.hasher = hasher
        self.now = now
    }

    /// Adds an account. Throws an ``InputError`` naming `user`, `displayName`, `role` or
    /// `password` (nothing stored), or `userNameTaken`.
    public func add(userName: String, displayName: String, role: String, password: String, actor: String) async throws -> Account {
        let name = try AccountFields.userName(userName)
        try AccountFields.displayName(displayName)
        let role = try AccountFields.role(role)
        try AccountFields.password(password)
        if try store.account(named: name) != nil {  // before the slow hash; the store checks again
            throw AccountFields.taken(name)
        }
        let hash = try await hasher.hash(password)
        let account = Account(userName: name, displayName: displayName, role: role, passwordHash: hash, createdAt: now(), changedAt: now())
        return try store.createAccount(account, actor: actor, at: now())
    }

    /// Puts a new password in force. Throws ``NotFound`` (`account`) or an ``InputError`` naming `password`.
    public func setPassword(userName: String, password: String, actor: String) async throws -> Account {
        let name = try AccountFields.userName(userName)
        try AccountFields.password(password)
        guard try store.account(named: name) != nil else { throw NotFound(.account, name) }
        let hash = try await hasher.hash(password)
        guard let account = try store.setPasswordHash(hash, of: name, actor: actor, at: now()) else { throw NotFound(.account, name) }
        return account
    }

    /// Disables an account: it can no longer sign in, and its sessions end at their next request.
    public func disable(userName: String, actor: String) throws -> Account {
        let name = try AccountFields.userName(userName)
        guard let account = try store.setDisabled(true, userName: name, actor: actor, at: now()) else { throw NotFound(.account, name) }
        return account
    }

    /// Every account, by user name.
    public func list() throws -> [Account] { try store.accounts() }

    /// The enabled account whose password this is; `nil` for an unknown user, a wrong password or a
    /// disabled account alike, each after one bcrypt verification of the same cost.
    public func signIn(userName: String, password: String) async throws -> Account? {
        let name = userName.lowercased()
        let account = (try? AccountFields.userName(name)) == nil ? nil : try store.account(named: name)
        let matches = try await hasher.verify(password, against: account?.passwordHash)
        guard matches, let account, !account.disabled else { return nil }
        return account
    }
}
