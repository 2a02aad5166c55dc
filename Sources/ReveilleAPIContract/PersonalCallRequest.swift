extension API {
    /// The body of `PUT /api/stays/{id}/personal-call`: whether every wake-up of the stay is a
    /// personal call from reception. The reply is the ``Stay``.
    public struct PersonalCallRequest: Codable, Hashable, Sendable {
        public var personalCall: Bool

        public init(personalCall: Bool) {
            self.personalCall = personalCall
        }
    }
}
