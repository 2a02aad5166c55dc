/// Any message of the PMS interface, in either direction (§2): a frame with `Response` is a reply,
/// one with an event `CallMethod` (CDR, CallIn, ExtenStatus) an event, anything else a request.
public enum PBXMessage: Hashable, Sendable {
    case request(PBXRequest)
    case reply(PBXReply)
    case event(PBXEvent)

    /// Classifies and reads `frame`.
    /// - Throws: ``MessageError`` naming the missing or wrong field, or
    ///   ``MessageError/unknownCallMethod(_:)`` (§1: log and ignore).
    public init(frame: Frame) throws(MessageError) {
        if frame[FieldKey.response] != nil {
            self = .reply(try PBXReply(frame: frame))
            return
        }
        let method = try PBXRequest.method(FieldReader(frame: frame))
        if method.isEvent {
            self = .event(try PBXEvent(frame: frame))
        } else {
            self = .request(try PBXRequest(frame: frame))
        }
    }

    /// The frame of this message.
    public func frame() throws(MessageError) -> Frame {
        switch self {
        case .request(let request): try request.frame()
        case .reply(let reply): reply.frame()
        case .event(let event): event.frame()
        }
    }

    /// A short name of the message's type, e.g. `LoginRequest`, `ExtenDNDReply.Error`, `CDR`.
    public var name: String {
        switch self {
        case .request(let request):
            Self.stem(request.command.action, request.command.method) + "Request"
        case .reply(let reply):
            Self.stem(reply.action, reply.method) + (reply.isSuccess ? "Reply.Success" : "Reply.Error")
        case .event(let event):
            event.method.rawValue
        }
    }

    private static func stem(_ action: Action, _ method: CallMethod) -> String {
        switch (action, method) {
        case (.userLogin, .account): "Login"
        case (.userLogout, .account): "Logout"
        case (_, .heartBeat): "Heartbeat"
        default: method.rawValue
        }
    }
}
