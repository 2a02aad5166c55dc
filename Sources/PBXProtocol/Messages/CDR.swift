/// How a call ended, `Disposition` of a CDR (§5.1). Unknown values are kept as text.
public enum CallDisposition: Hashable, Sendable, RawRepresentable {
    case noAnswer, answered, failed, busy, congestion
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "NO ANSWER": self = .noAnswer
        case "ANSWERED": self = .answered
        case "FAILED": self = .failed
        case "BUSY": self = .busy
        case "CONGESTION": self = .congestion
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .noAnswer: "NO ANSWER"
        case .answered: "ANSWERED"
        case .failed: "FAILED"
        case .busy: "BUSY"
        case .congestion: "CONGESTION"
        case .other(let raw): raw
        }
    }
}

/// The kind of call, `Call_type` of a CDR (§5.1). Unknown values are kept as text.
public enum CallType: Hashable, Sendable, RawRepresentable {
    case commonDevice, `internal`, local, longDistance, international
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "common_device": self = .commonDevice
        case "internal": self = .internal
        case "local": self = .local
        case "longdistance": self = .longDistance
        case "international": self = .international
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .commonDevice: "common_device"
        case .internal: "internal"
        case .local: "local"
        case .longDistance: "longdistance"
        case .international: "international"
        case .other(let raw): raw
        }
    }
}

/// A call detail record (§5.1): `ServiceType: BILLING`, `Action: CallControl`, `CallMethod: CDR`.
public struct CDR: Hashable, Sendable {
    public var seqID: String?
    public var caller: String
    public var callee: String
    public var start: PBXDateTime
    /// `nil` for an unanswered call (empty `Answer`).
    public var answer: PBXDateTime?
    public var end: PBXDateTime
    /// `Dur`, in seconds.
    public var duration: Int
    public var disposition: CallDisposition
    public var callType: CallType

    public init(
        seqID: String? = nil, caller: String, callee: String, start: PBXDateTime, answer: PBXDateTime?,
        end: PBXDateTime, duration: Int, disposition: CallDisposition, callType: CallType
    ) {
        self.seqID = seqID
        self.caller = caller
        self.callee = callee
        self.start = start
        self.answer = answer
        self.end = end
        self.duration = duration
        self.disposition = disposition
        self.callType = callType
    }

    init(reader: FieldReader) throws(MessageError) {
        seqID = reader.optional(FieldKey.seqID)
        caller = try reader.required(FieldKey.caller)
        callee = try reader.required(FieldKey.callee)
        start = try reader.dateTime(FieldKey.start)
        if let answer = reader.optional(FieldKey.answer), !answer.isEmpty {
            self.answer = try reader.dateTime(FieldKey.answer)
        } else {
            answer = nil
        }
        end = try reader.dateTime(FieldKey.end)
        duration = try reader.integer(FieldKey.duration)
        guard duration >= 0 else {
            throw .invalidField(key: FieldKey.duration, value: String(duration), rule: "must not be negative")
        }
        disposition = CallDisposition(rawValue: try reader.required(FieldKey.disposition))
        callType = CallType(rawValue: try reader.required(FieldKey.callType))
    }

    var bodyFields: [Field] {
        [
            Field(FieldKey.caller, caller), Field(FieldKey.callee, callee),
            Field(FieldKey.start, start.description), Field(FieldKey.answer, answer?.description ?? ""),
            Field(FieldKey.end, end.description), Field(FieldKey.duration, String(duration)),
            Field(FieldKey.disposition, disposition.rawValue), Field(FieldKey.callType, callType.rawValue),
        ]
    }
}

/// A call to the operator console (§5.2): `CallMethod: CallIn`.
public struct CallIn: Hashable, Sendable {
    public var seqID: String?
    public var caller: String
    public var callee: String

    public init(seqID: String? = nil, caller: String, callee: String) {
        self.seqID = seqID
        self.caller = caller
        self.callee = callee
    }
}
