/// Why a frame is not a valid typed message, or why a message may not be sent: always names the
/// field and the rule.
public enum MessageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A required field is absent.
    case missingField(String)
    /// A field is present but its value breaks a rule of the protocol.
    case invalidField(key: String, value: String, rule: String)
    /// `CallMethod` holds an operation this implementation does not know (§1: log and ignore).
    case unknownCallMethod(String)
    /// The AlarmClock value is invalid (§4.4).
    case alarmClock(AlarmClockError)

    public var description: String {
        switch self {
        case .missingField(let key):
            "missing field \(key)"
        case .invalidField(let key, let value, let rule):
            key == FieldKey.password ? "field \(key): \(rule)" : "field \(key) = \"\(value)\": \(rule)"
        case .unknownCallMethod(let method):
            "unknown CallMethod \"\(method)\""
        case .alarmClock(let error):
            "field AlarmClock: \(error)"
        }
    }
}

extension MessageError {
    init(_ rejected: FieldRejected) {
        self = .invalidField(key: rejected.key, value: "", rule: rejected.rule)
    }
}

/// Typed reading of a frame's fields, each failure naming the field.
struct FieldReader {
    let frame: Frame

    func required(_ key: String) throws(MessageError) -> String {
        guard let value = frame[key] else { throw .missingField(key) }
        return value
    }

    func optional(_ key: String) -> String? {
        frame[key]
    }

    func nonEmpty(_ key: String) throws(MessageError) -> String {
        let value = try required(key)
        guard !value.isEmpty else { throw .invalidField(key: key, value: value, rule: "must not be empty") }
        return value
    }

    func integer(_ key: String) throws(MessageError) -> Int {
        let value = try required(key)
        guard let number = Int(value) else {
            throw .invalidField(key: key, value: value, rule: "must be an integer")
        }
        return number
    }

    func oneOf<E: RawRepresentable<String> & CaseIterable>(_ key: String, _: E.Type) throws(MessageError) -> E {
        let value = try required(key)
        guard let parsed = E(rawValue: value) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidField(key: key, value: value, rule: "must be one of \(allowed)")
        }
        return parsed
    }

    func dateTime(_ key: String) throws(MessageError) -> PBXDateTime {
        let value = try required(key)
        guard let parsed = PBXDateTime(value) else {
            throw .invalidField(key: key, value: value, rule: "must be a real date-time yyyy-MM-dd HH:mm:ss")
        }
        return parsed
    }
}
