import Foundation
import GRDB
import ReveilleCore

/// A person's account (table `account`, v12): what signs them in on the page and names them in
/// the audit log. The password is kept only as its bcrypt hash; ``description`` and the audit
/// never show the hash.
public struct Account: Codable, Hashable, Sendable, Identifiable, CustomStringConvertible, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "account"

    public var id: Int64
    /// Lower case, `a-z 0-9 . _ -` (``AccountFields/userName(_:field:)``).
    public var userName: String
    /// The person's name, as the audit log and alert acknowledgements show it.
    public var displayName: String
    public var role: Role
    /// bcrypt, `$2b$…`.
    public var passwordHash: String
    public var disabled: Bool
    public var createdAt: Date
    public var changedAt: Date

    public init(
        id: Int64 = 0, userName: String, displayName: String, role: Role, passwordHash: String, disabled: Bool = false,
        createdAt: Date, changedAt: Date
    ) {
        self.id = id
        self.userName = userName
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
        self.changedAt = changedAt
    }

    /// `role:user (Name)`; never the hash.
    public var description: String { "\(role.rawValue):\(userName) (\(displayName))\(disabled ? " disabled" : "")" }

    /// What the audit log keeps of an account: everything but the hash.
    struct Audited: Encodable {
        var userName: String
        var displayName: String
        var role: Role
        var disabled: Bool

        init(_ account: Account) {
            userName = account.userName
            displayName = account.displayName
            role = account.role
            disabled = account.disabled
        }
    }
}
