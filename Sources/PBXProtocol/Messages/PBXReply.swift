/// The PBX's answer to a request (§2): the request's header with `Response: Success` or
/// `Response: Error` and a `Message`, plus whatever fields the PBX echoes.
public struct PBXReply: Hashable, Sendable {
    /// The result carried in `Response` (and `Message`).
    public enum Outcome: Hashable, Sendable {
        case success
        /// The PBX refused; the `Message` text (empty if the PBX sent none).
        case error(message: String)
    }

    public var serviceType: ServiceType
    public var action: Action
    /// The `SeqID` of the request this answers.
    public var seqID: String
    public var method: CallMethod
    public var outcome: Outcome
    /// The fields after the header other than `Response` and `Message`, in order.
    public var echoed: [Field]

    public init(
        serviceType: ServiceType = .pms, action: Action, seqID: String, method: CallMethod,
        outcome: Outcome, echoed: [Field] = []
    ) {
        self.serviceType = serviceType
        self.action = action
        self.seqID = seqID
        self.method = method
        self.outcome = outcome
        self.echoed = echoed
    }

    /// The Success reply to `request`: the request echoed, without the password.
    public static func success(to request: PBXRequest) -> PBXReply {
        let body = (try? request.command.bodyFields()) ?? []
        return PBXReply(
            action: request.command.action, seqID: request.seqID, method: request.command.method,
            outcome: .success, echoed: body.filter { $0.key != FieldKey.password })
    }

    /// The Error reply to `request` with `message`, echoing `Phone` like the vendor's templates.
    public static func error(to request: PBXRequest, message: String) -> PBXReply {
        PBXReply(
            action: request.command.action, seqID: request.seqID, method: request.command.method,
            outcome: .error(message: message),
            echoed: request.command.phone.map { [Field(FieldKey.phone, $0)] } ?? [])
    }

    /// Whether `Response` was `Success`.
    public var isSuccess: Bool { outcome == .success }

    /// The echoed `User`, if any (login, logout and heartbeat replies).
    public var user: String? { Frame(echoed)[FieldKey.user] }

    /// The echoed `Phone`, if any (Set replies).
    public var phone: String? { Frame(echoed)[FieldKey.phone] }

    /// The echoed command, when the reply carries all its fields (Success replies to Set do).
    public var echo: PBXCommand? {
        try? PBXCommand(action: action, method: method, reader: FieldReader(frame: Frame(echoed)))
    }

    /// Reads a reply: it must carry `ServiceType`, `Action`, `SeqID`, `CallMethod` and `Response`.
    /// `Message` is read when present; an Error reply without one has an empty message.
    /// - Throws: ``MessageError`` naming the missing or wrong field.
    public init(frame: Frame) throws(MessageError) {
        let reader = FieldReader(frame: frame)
        serviceType = try reader.oneOf(FieldKey.serviceType, ServiceType.self)
        action = try reader.oneOf(FieldKey.action, Action.self)
        seqID = try reader.required(FieldKey.seqID)
        method = try PBXRequest.method(reader)
        switch try reader.oneOf(FieldKey.response, ResponseKind.self) {
        case .success: outcome = .success
        case .error: outcome = .error(message: reader.optional(FieldKey.message) ?? "")
        }
        let header: Set<String> = [
            FieldKey.serviceType, FieldKey.action, FieldKey.seqID, FieldKey.callMethod, FieldKey.response,
            FieldKey.message,
        ]
        echoed = frame.fields.filter { !header.contains($0.key) }
    }

    /// The frame: `ServiceType`, `Action`, `SeqID`, `Response`, `CallMethod`, the echoed fields, and
    /// `Message` for an Error (the order of the vendor's templates, §3–§4).
    public func frame() -> Frame {
        var fields = [
            Field(FieldKey.serviceType, serviceType.rawValue),
            Field(FieldKey.action, action.rawValue),
            Field(FieldKey.seqID, seqID),
        ]
        switch outcome {
        case .success:
            fields.append(Field(FieldKey.response, ResponseKind.success.rawValue))
            fields.append(Field(FieldKey.callMethod, method.rawValue))
            fields += echoed
        case .error(let message):
            fields.append(Field(FieldKey.response, ResponseKind.error.rawValue))
            fields.append(Field(FieldKey.callMethod, method.rawValue))
            fields += echoed
            fields.append(Field(FieldKey.message, message))
        }
        return Frame(fields)
    }
}
