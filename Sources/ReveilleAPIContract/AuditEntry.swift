import Foundation

extension API {
    /// A line of the audit log: `GET /api/audit` (admin), newest first.
    public struct AuditEntry: Codable, Hashable, Sendable {
        public var id: Int64
        /// ISO 8601 (``API/encoder()``).
        public var at: Date
        /// Who or what: `reception:alice`, `pms:csv`, `planner`, `pbx`.
        public var actor: String
        /// What happened: `create`, `update`, `delete`, `push`, `reply`, `import`, …
        public var action: String
        public var entity: String
        public var entityID: String?
        /// JSON of the row before, if any.
        public var before: String?
        /// JSON of the row after, or the PBX exchange.
        public var after: String?

        public init(
            id: Int64, at: Date, actor: String, action: String, entity: String, entityID: String? = nil, before: String? = nil,
            after: String? = nil
        ) {
            self.id = id
            self.at = at
            self.actor = actor
            self.action = action
            self.entity = entity
            self.entityID = entityID
            self.before = before
            self.after = after
        }
    }
}
