extension API {
    /// The reply of `POST /api/resync` (202): `{"ok":true}`.
    public struct Accepted: Codable, Hashable, Sendable {
        public var ok: Bool

        public init(ok: Bool = true) {
            self.ok = ok
        }
    }

    /// The reply of `POST /api/outbox/retry`: how many failed pushes are tried again.
    public struct Retried: Codable, Hashable, Sendable {
        public var retried: Int

        public init(retried: Int) {
            self.retried = retried
        }
    }

    /// The reply of `GET /api/simulator/extensions` (admin, simulator only): what the built-in
    /// simulator holds, by extension.
    public typealias SimulatorExtensions = [String: Acknowledged]
}
