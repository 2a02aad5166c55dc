import Foundation

extension API {
    /// `GET /api/me`: who the caller is, so the page shows each role what it may do (housekeeping:
    /// rooms, DND and rules; no booking forms).
    public struct Me: Codable, Hashable, Sendable {
        /// `reception`, `housekeeping` or `admin`.
        public var role: String
        /// The person's (or system's) name, as the audit records it after the role.
        public var name: String

        public init(role: String, name: String) {
            self.role = role
            self.name = name
        }
    }
}
