/// A request from the PMS side to the PBX (§2–§4): a ``PBXCommand`` numbered by its `SeqID`.
public struct PBXRequest: Hashable, Sendable {
    /// Chosen by the sender; the PBX echoes it in its reply (§2).
    public var seqID: String
    public var command: PBXCommand

    public init(seqID: String, command: PBXCommand) {
        self.seqID = seqID
        self.command = command
    }

    /// The frame for this request: `ServiceType: PMS`, `Action`, `SeqID`, `CallMethod`, then the
    /// command's fields in the order of §3–§4.
    /// - Throws: ``MessageError`` naming the field and rule for a value that may not be sent
    ///   (control characters, an invalid AlarmClock list, a DND window that ends before it starts…,
    ///   a message over ``Frame/sendLimit``).
    public func frame() throws(MessageError) -> Frame {
        var fields = [
            Field(FieldKey.serviceType, ServiceType.pms.rawValue),
            Field(FieldKey.action, command.action.rawValue),
            Field(FieldKey.seqID, seqID),
            Field(FieldKey.callMethod, command.method.rawValue),
        ]
        fields += try command.bodyFields()
        let frame = Frame(fields)
        do {
            try frame.validate()
        } catch {
            throw MessageError(error)
        }
        // §1: a PBX drops the connection on a message over the frame limit; such a request is
        // refused here, so it fails (and is alerted) instead of dropping the link on every try.
        let size = frame.encodedSize
        guard size <= Frame.sendLimit else {
            let key = fields.dropFirst(4).max(by: { $0.value.utf8.count < $1.value.utf8.count })?.key ?? FieldKey.callMethod
            throw .invalidField(
                key: key, value: "\(size) bytes", rule: "the message would be \(size) bytes, over the \(Frame.sendLimit)-byte frame limit (§1)")
        }
        return frame
    }

    /// Reads a request (what the PBX, or the simulator, receives).
    /// - Throws: ``MessageError`` naming the missing or wrong field.
    public init(frame: Frame) throws(MessageError) {
        let reader = FieldReader(frame: frame)
        let serviceType = try reader.oneOf(FieldKey.serviceType, ServiceType.self)
        guard serviceType == .pms else {
            throw .invalidField(key: FieldKey.serviceType, value: serviceType.rawValue, rule: "requests use PMS (§2)")
        }
        let action = try reader.oneOf(FieldKey.action, Action.self)
        let seqID = try reader.nonEmpty(FieldKey.seqID)
        let method = try Self.method(reader)
        self.init(seqID: seqID, command: try PBXCommand(action: action, method: method, reader: reader))
    }

    static func method(_ reader: FieldReader) throws(MessageError) -> CallMethod {
        let raw = try reader.required(FieldKey.callMethod)
        guard let method = CallMethod(rawValue: raw) else { throw .unknownCallMethod(raw) }
        return method
    }
}
