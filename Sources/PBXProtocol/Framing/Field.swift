/// One `Key: Value` line of a Guowei PMS-interface message (§1).
public struct Field: Hashable, Sendable {
    /// The key, case-sensitive (§1).
    public var key: String
    /// The value, with the spaces and tabs around it removed on receipt (§1 decisions).
    public var value: String

    @inlinable
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

extension Field: CustomStringConvertible {
    /// `Key: Value`, with the value of `Password` replaced so that it never reaches a log.
    public var description: String {
        key == FieldKey.password ? "\(key): <redacted>" : "\(key): \(value)"
    }
}

/// The field names of §2–§5.
public enum FieldKey {
    public static let serviceType = "ServiceType"
    public static let action = "Action"
    public static let seqID = "SeqID"
    public static let callMethod = "CallMethod"
    public static let response = "Response"
    public static let message = "Message"
    public static let user = "User"
    public static let password = "Password"
    public static let phone = "Phone"
    public static let limit = "Limit"
    public static let name = "Name"
    public static let use = "Use"
    public static let start = "Start"
    public static let end = "End"
    public static let alarmClock = "AlarmClock"
    public static let caller = "Caller"
    public static let callee = "Callee"
    public static let answer = "Answer"
    public static let duration = "Dur"
    public static let disposition = "Disposition"
    public static let callType = "Call_type"
    public static let exten = "Exten"
    public static let channelID = "ChannelId"
    public static let status = "Status"
    public static let peer = "Peer"
    public static let peerID = "PeerId"
    public static let dialNum = "DialNum"
}
