/// A message the PBX sends unasked (§5): it carries no `Response`.
public enum PBXEvent: Hashable, Sendable {
    case cdr(CDR)
    case callIn(CallIn)
    case extenStatus(ExtenStatus)

    /// Reads an event.
    /// - Throws: ``MessageError`` naming the missing or wrong field.
    public init(frame: Frame) throws(MessageError) {
        let reader = FieldReader(frame: frame)
        _ = try reader.oneOf(FieldKey.serviceType, ServiceType.self)
        let action = try reader.oneOf(FieldKey.action, Action.self)
        guard action == .callControl else {
            throw .invalidField(key: FieldKey.action, value: action.rawValue, rule: "events use CallControl (§5)")
        }
        switch try PBXRequest.method(reader) {
        case .cdr:
            self = .cdr(try CDR(reader: reader))
        case .callIn:
            self = .callIn(
                CallIn(
                    seqID: reader.optional(FieldKey.seqID), caller: try reader.required(FieldKey.caller),
                    callee: try reader.required(FieldKey.callee)))
        case .extenStatus:
            self = .extenStatus(try ExtenStatus(reader: reader))
        case let method:
            throw .invalidField(key: FieldKey.callMethod, value: method.rawValue, rule: "is not an event (§5)")
        }
    }

    /// The `CallMethod` of this event.
    public var method: CallMethod {
        switch self {
        case .cdr: .cdr
        case .callIn: .callIn
        case .extenStatus: .extenStatus
        }
    }

    /// The frame: header (`BILLING` for CDRs, `PMS` otherwise; `Action: CallControl`), then the
    /// fields in the order of §5.
    public func frame() -> Frame {
        let serviceType: ServiceType
        let seqID: String?
        let body: [Field]
        switch self {
        case .cdr(let cdr):
            (serviceType, seqID, body) = (.billing, cdr.seqID, cdr.bodyFields)
        case .callIn(let callIn):
            (serviceType, seqID, body) = (
                .pms, callIn.seqID, [Field(FieldKey.caller, callIn.caller), Field(FieldKey.callee, callIn.callee)]
            )
        case .extenStatus(let status):
            (serviceType, seqID, body) = (.pms, status.seqID, status.bodyFields)
        }
        var fields = [
            Field(FieldKey.serviceType, serviceType.rawValue), Field(FieldKey.action, Action.callControl.rawValue),
        ]
        if let seqID { fields.append(Field(FieldKey.seqID, seqID)) }
        fields.append(Field(FieldKey.callMethod, method.rawValue))
        return Frame(fields + body)
    }
}
