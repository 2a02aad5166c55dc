/// Who may do what through the API (see docs/API.md): the role of a bearer token or of a
/// person's account.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    case reception, housekeeping, admin
}
