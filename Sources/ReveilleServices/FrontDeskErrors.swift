import Foundation
import ReveilleCore

/// A booking input that breaks a rule: names the field, the rule (English) and its ``ErrorCode``
/// with the values the rule names. Nothing is stored.
public struct BookingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var rule: String
    public var code: ErrorCode
    public var params: [String: String]
    /// For a group whose pushes cannot all land before its first wake-up: those rooms.
    public var lateRooms: [String]

    public init(field: String, code: ErrorCode, params: [String: String] = [:], rule: String, lateRooms: [String] = []) {
        self.field = field
        self.rule = rule
        self.code = code
        self.params = params
        self.lateRooms = lateRooms
    }

    /// The hotel has no room `room`.
    public static func unknownRoom(_ room: String, field: String) -> BookingError {
        BookingError(field: field, code: .unknownRoom, params: ["room": room], rule: "no room \(room) in this hotel")
    }

    public var description: String { "\(field): \(rule)" }
}

/// What a request names does not exist (a cancelled booking's id, say): the API answers 404.
public struct NotFound: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of thing a request can name.
    public enum What: String, Hashable, Sendable {
        case wakeUp, group, dnd, alert, stay, rule, room, heldImport, simulator, endpoint, account

        /// How the English sentence names it.
        var english: String {
            switch self {
            case .wakeUp: "wake-up"
            case .group: "group wake-up"
            case .dnd: "DND window"
            case .alert: "alert"
            case .stay: "stay"
            case .rule: "rule"
            case .room: "room"
            case .heldImport: "held import"
            case .simulator: "built-in simulator"
            case .endpoint: "endpoint"
            case .account: "account"
            }
        }
    }

    public var what: What
    /// The id or name asked for (empty when there is none, as for the one held import).
    public var id: String

    public init(_ what: What, _ id: some CustomStringConvertible = "") {
        self.what = what
        self.id = String(id.description.prefix(InputBounds.codeLength))
    }

    /// "no wake-up 12".
    public var rule: String { id.isEmpty ? "no \(what.english)" : "no \(what.english) \(id)" }
    public var code: ErrorCode { .notFound }
    public var params: [String: String] { ["what": what.rawValue, "id": id] }
    public var description: String { rule }
}

/// An alert that a person has acknowledged already: the first acknowledgement stands.
public struct AlreadyAcknowledged: Error, Hashable, Sendable, CustomStringConvertible {
    public var alert: Alert
    public init(alert: Alert) { self.alert = alert }

    public var by: String { alert.acknowledgedBy ?? "" }
    public var at: Date { alert.acknowledgedAt ?? alert.raisedAt }
    public var description: String { "alert \(alert.id) was acknowledged by \(by) at \(at.formatted(.iso8601))" }
}
