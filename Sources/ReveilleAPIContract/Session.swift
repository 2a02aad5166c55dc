import Foundation

extension API {
    /// `POST /api/session`: a person signs in with their user name and password.
    public struct SignIn: Codable, Hashable, Sendable {
        public var user: String
        public var password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    /// `POST` and `GET /api/session`: who is signed in, and how.
    public struct Session: Codable, Hashable, Sendable {
        /// The account's user name; `nil` for a bearer token.
        public var user: String?
        /// The person's name (an account's display name, a token's person).
        public var name: String
        /// `reception`, `housekeeping` or `admin`.
        public var role: String
        /// `session` (the cookie) or `token` (a bearer token).
        public var via: String
        /// A session ends after this many seconds without a request; `nil` for a token.
        public var idleSeconds: Int?

        public init(user: String?, name: String, role: String, via: String, idleSeconds: Int?) {
            self.user = user
            self.name = name
            self.role = role
            self.via = via
            self.idleSeconds = idleSeconds
        }
    }
}
