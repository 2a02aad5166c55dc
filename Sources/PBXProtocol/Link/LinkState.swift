/// Why the link is down.
public enum LinkDownReason: Hashable, Sendable, CustomStringConvertible {
    /// The TCP connection could not be made.
    case refused(String)
    /// The PBX closed the connection, or it broke.
    case connectionLost(String)
    /// §3.3: three heartbeats in a row went unanswered.
    case heartbeatLost
    /// §3.3: the PBX answered a heartbeat with Error (its `Message`): it no longer holds the session.
    case heartbeatRejected(String)
    /// §3.1: the PBX answered the login with Error; its `Message`.
    case loginRejected(String)
    /// The login got no reply in time.
    case loginTimedOut
    /// The PBX broke the protocol (e.g. a message over the size limit).
    case protocolError(String)
    /// The service is shutting down.
    case shutdown

    public var description: String {
        switch self {
        case .refused(let detail): "refused: \(detail)"
        case .connectionLost(let detail): "connection lost: \(detail)"
        case .heartbeatLost: "heartbeat lost"
        case .heartbeatRejected(let message): "heartbeat answered with Error: \(message)"
        case .loginRejected(let message): "login rejected: \(message)"
        case .loginTimedOut: "login timed out"
        case .protocolError(let detail): "protocol error: \(detail)"
        case .shutdown: "shut down"
        }
    }
}

/// The state of the PBX link as the rest of Reveille sees it.
public enum LinkState: Hashable, Sendable, CustomStringConvertible {
    case connecting
    case loggingIn
    /// Logged in: requests go out.
    case up
    case down(LinkDownReason)
    /// Shut down for good.
    case stopped

    public var isUp: Bool { self == .up }

    public var description: String {
        switch self {
        case .connecting: "connecting"
        case .loggingIn: "logging in"
        case .up: "up"
        case .down(let reason): "down (\(reason))"
        case .stopped: "stopped"
        }
    }
}

/// Why a request to the PBX did not get a reply.
public enum PBXLinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The link is not logged in; the request was not sent.
    case notConnected(LinkState)
    /// The link went down while the request waited or was in flight (it may or may not have been applied).
    case linkDown(LinkDownReason)
    /// No reply within the request timeout (§2 decisions); a late reply is dropped.
    case timedOut
    /// The request breaks a protocol rule and was never sent.
    case invalidRequest(MessageError)
    /// The caller gave up (task cancelled).
    case cancelled
    /// The link is shutting down.
    case shuttingDown

    public var description: String {
        switch self {
        case .notConnected(let state): "PBX link not connected (\(state))"
        case .linkDown(let reason): "PBX link went down: \(reason)"
        case .timedOut: "no reply from the PBX in time"
        case .invalidRequest(let error): "invalid request: \(error)"
        case .cancelled: "cancelled"
        case .shuttingDown: "shutting down"
        }
    }
}
