/// The PBX link as a pure state machine: events in, actions out; no sockets, no clock.
///
/// The driver (`PBXLink`) carries out the actions — connect, write a frame, close, start and cancel
/// timers — and feeds back what happened. Timers are named (``TimerID``) and the machine ignores a
/// timer or connection event that no longer applies, so a late timer or a stale connection can do no
/// harm.
///
/// Rules (PROTOCOL.md): nothing but the login before a login Success (§3.1); a heartbeat every
/// ``LinkConfiguration/heartbeatInterval`` once logged in, down after
/// ``LinkConfiguration/missedHeartbeatsBeforeDown`` unanswered in a row, or at once when one is
/// answered with Error (§3.3); replies matched by
/// `SeqID` and checked against their `CallMethod`, unmatched replies logged and dropped, messages
/// without `Response` delivered as events (§2); a request without a reply within its timeout fails;
/// at most ``LinkConfiguration/requestWindow`` requests outstanding; reconnect with exponential
/// backoff and jitter; a login Error waits ``LinkConfiguration/loginRetryDelay``; shutdown logs out
/// (§3.2). SeqIDs increase and never repeat for the life of the machine.
public struct LinkStateMachine: Sendable {
    /// A caller's request, numbered by the driver.
    public struct RequestID: Hashable, Sendable, CustomStringConvertible {
        public let value: UInt64
        public init(_ value: UInt64) { self.value = value }
        public var description: String { "#\(value)" }
    }

    /// The timers the machine asks for.
    public enum TimerID: Hashable, Sendable {
        case reconnect
        case heartbeat(connection: UInt64)
        case requestTimeout(seq: UInt64)
        case logoutTimeout
    }

    /// Log levels of ``Action/log(_:_:)``.
    public enum LogLevel: Hashable, Sendable { case debug, info, notice, warning, error }

    /// What the driver must do.
    public enum Action: Hashable, Sendable {
        /// Open a TCP connection to the PBX; report it with `connected`/`connectFailed` and this id.
        case connect(connection: UInt64)
        /// Write a frame on the connection.
        case write(Frame, connection: UInt64)
        /// Close the connection (then report `closed`, which the machine will ignore).
        case close(connection: UInt64)
        case startTimer(TimerID, Duration)
        case cancelTimer(TimerID)
        /// Hand the reply to the caller of the request.
        case succeed(RequestID, PBXReply)
        case fail(RequestID, PBXLinkError)
        /// An event from the PBX (§5).
        case deliver(PBXEvent)
        case stateChanged(LinkState)
        case log(LogLevel, String)
        /// The machine stopped for good: the driver may end.
        case finished
    }

    fileprivate struct InFlight: Hashable, Sendable {
        var request: RequestID?  // nil once the caller gave up
        var method: CallMethod
    }

    fileprivate struct Session: Sendable {
        var connection: UInt64
        var inFlight: [UInt64: InFlight] = [:]
        var queue: [(RequestID, PBXCommand)] = []
        var unansweredHeartbeats: Set<UInt64> = []
        var missedHeartbeats = 0
    }

    fileprivate enum State: Sendable {
        case idle
        case waitingToReconnect(failures: Int)
        case connecting(connection: UInt64, failures: Int)
        case loggingIn(connection: UInt64, failures: Int, seq: UInt64)
        case ready(Session)
        case loggingOut(connection: UInt64, seq: UInt64)
        case stopped
    }

    public let configuration: LinkConfiguration
    private var state: State = .idle
    private var lastSeq: UInt64 = 0
    private var lastConnection: UInt64 = 0
    private let random: @Sendable () -> Double

    /// - Parameter random: a source of numbers in `[0, 1]` for the backoff jitter (injectable for tests).
    public init(configuration: LinkConfiguration, random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.configuration = configuration
        self.random = random
    }

    /// The state as the rest of Reveille sees it.
    public var linkState: LinkState {
        switch state {
        case .idle, .connecting, .waitingToReconnect: .connecting
        case .loggingIn: .loggingIn
        case .ready: .up
        case .loggingOut, .stopped: .stopped
        }
    }

    // MARK: - Events

    /// Starts the link: the first connect.
    public mutating func start() -> [Action] {
        switch state {
        case .idle: return connect(failures: 0)
        case .waitingToReconnect, .connecting, .loggingIn, .ready, .loggingOut, .stopped: return []
        }
    }

    /// The TCP connection is open: log in (§3.1).
    public mutating func connected(_ connection: UInt64) -> [Action] {
        guard case .connecting(connection, let failures) = state else { return [] }
        let seq = nextSeq()
        let login = PBXRequest(
            seqID: String(seq), command: .login(user: configuration.user, password: configuration.password))
        guard let frame = try? login.frame() else {
            state = .stopped
            return [.close(connection: connection), .log(.error, "the configured PBX user cannot be sent (§1)"),
                    .stateChanged(.stopped), .finished]
        }
        state = .loggingIn(connection: connection, failures: failures, seq: seq)
        return [
            .stateChanged(.loggingIn),
            .write(frame, connection: connection),
            .startTimer(.requestTimeout(seq: seq), configuration.requestTimeout),
        ]
    }

    /// The TCP connection could not be opened.
    public mutating func connectFailed(_ connection: UInt64, reason: String) -> [Action] {
        guard case .connecting(connection, let failures) = state else { return [] }
        return waitToReconnect(failures: failures + 1, reason: .refused(reason))
    }

    /// The connection closed (by the peer, by an error, or after our `close`).
    public mutating func closed(_ connection: UInt64, reason: LinkDownReason) -> [Action] {
        switch state {
        case .loggingIn(connection, let failures, let seq):
            return [.cancelTimer(.requestTimeout(seq: seq))] + waitToReconnect(failures: failures + 1, reason: reason)
        case .ready(let session) where session.connection == connection:
            return linkDown(session, reason: reason)
        case .loggingOut(connection, _):
            return stop()
        case .idle, .waitingToReconnect, .connecting, .loggingIn, .ready, .loggingOut, .stopped:
            return []
        }
    }

    /// A frame (or a malformed message) arrived on `connection`.
    public mutating func received(_ parsed: ParsedFrame, on connection: UInt64) -> [Action] {
        guard currentConnection == connection else { return [] }
        let frame: Frame
        switch parsed {
        case .malformed(let malformed):
            return [.log(.warning, "malformed message from the PBX dropped: \(malformed)")]
        case .frame(let received):
            frame = received
        }
        let message: PBXMessage
        do {
            message = try PBXMessage(frame: frame)
        } catch {
            if case .unknownCallMethod = error {
                return [.log(.info, "ignored a message with an \(error) (§1)")]
            }
            return [.log(.warning, "unreadable message from the PBX dropped: \(error) — \(frame)")]
        }
        switch message {
        case .reply(let reply):
            return receivedReply(reply)
        case .event(let event):
            return [.deliver(event)]
        case .request(let request):
            return [.log(.warning, "the PBX sent a request, ignored: \(request.command)")]
        }
    }

    /// A timer the machine started has fired.
    public mutating func timerFired(_ timer: TimerID) -> [Action] {
        switch (timer, state) {
        case (.reconnect, .waitingToReconnect(let failures)):
            return connect(failures: failures)
        case (.heartbeat(let connection), .ready(var session)) where session.connection == connection:
            return heartbeat(&session)
        case (.requestTimeout(let seq), .loggingIn(let connection, let failures, let loginSeq)) where seq == loginSeq:
            return [.close(connection: connection)] + waitToReconnect(failures: failures + 1, reason: .loginTimedOut)
        case (.requestTimeout(let seq), .ready(var session)):
            guard let inFlight = session.inFlight.removeValue(forKey: seq) else { return [] }
            var actions: [Action] = [.log(.warning, "no reply to SeqID \(seq) (\(inFlight.method.rawValue)) in time")]
            if let request = inFlight.request { actions.append(.fail(request, .timedOut)) }
            actions += sendQueued(&session)
            state = .ready(session)
            return actions
        case (.logoutTimeout, .loggingOut(let connection, _)):
            return [.close(connection: connection)] + stop()
        case (.reconnect, _), (.heartbeat, _), (.requestTimeout, _), (.logoutTimeout, _):
            return []
        }
    }

    /// A caller asks for `command` to be sent; its reply (or failure) comes back as `succeed`/`fail`.
    public mutating func submit(_ request: RequestID, _ command: PBXCommand) -> [Action] {
        switch command {
        case .login, .logout, .heartbeat:
            return [.fail(request, .invalidRequest(.invalidField(
                key: FieldKey.callMethod, value: command.method.rawValue, rule: "session messages are the link's own")))]
        case .setCallClass, .setName, .setDND, .setAlarmClock:
            break
        }
        do {
            _ = try PBXRequest(seqID: "0", command: command).frame()
        } catch {
            return [.fail(request, .invalidRequest(error))]
        }
        guard case .ready(var session) = state else {
            return [.fail(request, state.isStopping ? .shuttingDown : .notConnected(linkState))]
        }
        session.queue.append((request, command))
        let actions = sendQueued(&session)
        state = .ready(session)
        return actions
    }

    /// The caller of `request` gave up. A queued request is dropped; one in flight keeps its place in
    /// the window until its reply or timeout, and its reply is then dropped.
    public mutating func cancel(_ request: RequestID) -> [Action] {
        guard case .ready(var session) = state else { return [] }
        if let index = session.queue.firstIndex(where: { $0.0 == request }) {
            session.queue.remove(at: index)
            state = .ready(session)
            return [.fail(request, .cancelled)]
        }
        if let seq = session.inFlight.first(where: { $0.value.request == request })?.key {
            session.inFlight[seq]?.request = nil
            state = .ready(session)
            return [.fail(request, .cancelled)]
        }
        return []
    }

    /// Graceful shutdown: fail what waits, log out (§3.2), wait briefly for the reply, close.
    public mutating func shutdown() -> [Action] {
        switch state {
        case .idle:
            return stop()
        case .waitingToReconnect:
            return [.cancelTimer(.reconnect)] + stop()
        case .connecting(let connection, _):
            return [.close(connection: connection)] + stop()
        case .loggingIn(let connection, _, let seq):
            return [.cancelTimer(.requestTimeout(seq: seq)), .close(connection: connection)] + stop()
        case .ready(let session):
            var actions = failAll(session, with: .shuttingDown)
            actions.append(.cancelTimer(.heartbeat(connection: session.connection)))
            let seq = nextSeq()
            let logout = PBXRequest(
                seqID: String(seq), command: .logout(user: configuration.user, password: configuration.password))
            state = .loggingOut(connection: session.connection, seq: seq)
            if let frame = try? logout.frame() {
                actions.append(.write(frame, connection: session.connection))
            }
            actions.append(.startTimer(.logoutTimeout, configuration.logoutTimeout))
            return actions
        case .loggingOut, .stopped:
            return []
        }
    }

    // MARK: - Transitions

    private var currentConnection: UInt64? {
        switch state {
        case .loggingIn(let connection, _, _), .loggingOut(let connection, _): connection
        case .ready(let session): session.connection
        case .idle, .waitingToReconnect, .connecting, .stopped: nil
        }
    }

    private mutating func nextSeq() -> UInt64 {
        lastSeq += 1
        return lastSeq
    }

    private mutating func connect(failures: Int) -> [Action] {
        lastConnection += 1
        state = .connecting(connection: lastConnection, failures: failures)
        return [.stateChanged(.connecting), .connect(connection: lastConnection)]
    }

    private mutating func waitToReconnect(failures: Int, reason: LinkDownReason) -> [Action] {
        state = .waitingToReconnect(failures: failures)
        let delay: Duration
        if case .loginRejected = reason {
            delay = configuration.loginRetryDelay
        } else {
            delay = backoff(afterFailures: failures)
        }
        // The timer is armed before the change is announced: whoever reacts to "down" (a test
        // stepping its clock) finds the reconnect deadline already set.
        return [.startTimer(.reconnect, delay), .stateChanged(.down(reason)),
                .log(.warning, "PBX link down: \(reason); reconnecting in \(Self.seconds(delay))")]
    }

    /// A delay for the log, with its unit: `0.9 s`, `300.0 s`.
    public static func seconds(_ duration: Duration) -> String {
        let tenths = duration.components.seconds * 10 + duration.components.attoseconds / 100_000_000_000_000_000
        return "\(tenths / 10).\(abs(tenths % 10)) s"
    }

    /// The reconnect delay after `failures` failed attempts in a row: the initial backoff doubled per
    /// further failure, capped, less a random share of up to ``LinkConfiguration/backoffJitter``.
    public func backoff(afterFailures failures: Int) -> Duration {
        let doublings = max(0, min(failures - 1, 30))
        let grown = configuration.initialBackoff * (1 << doublings)
        let capped = min(grown, configuration.maximumBackoff)
        let share = 1 - configuration.backoffJitter * min(max(random(), 0), 1)
        return capped * share
    }

    private mutating func linkDown(_ session: Session, reason: LinkDownReason) -> [Action] {
        var actions = failAll(session, with: .linkDown(reason))
        actions.append(.cancelTimer(.heartbeat(connection: session.connection)))
        actions.append(.close(connection: session.connection))
        // A link that was up reconnects after the first backoff step: it was a good link.
        return actions + waitToReconnect(failures: 1, reason: reason)
    }

    private func failAll(_ session: Session, with error: PBXLinkError) -> [Action] {
        var actions: [Action] = []
        for (seq, inFlight) in session.inFlight.sorted(by: { $0.key < $1.key }) {
            actions.append(.cancelTimer(.requestTimeout(seq: seq)))
            if let request = inFlight.request { actions.append(.fail(request, error)) }
        }
        for (request, _) in session.queue { actions.append(.fail(request, error)) }
        return actions
    }

    private mutating func stop() -> [Action] {
        state = .stopped
        return [.stateChanged(.stopped), .finished]
    }

    private mutating func receivedReply(_ reply: PBXReply) -> [Action] {
        switch state {
        case .loggingIn(let connection, _, let seq) where reply.seqID == String(seq):
            guard reply.method == .account else {
                return [.log(.warning, "reply to the login with CallMethod \(reply.method.rawValue) dropped")]
            }
            switch reply.outcome {
            case .success:
                state = .ready(Session(connection: connection))
                return [
                    .cancelTimer(.requestTimeout(seq: seq)),
                    .stateChanged(.up),
                    .log(.info, "logged in to the PBX as \(configuration.user)"),
                    .startTimer(.heartbeat(connection: connection), configuration.heartbeatInterval),
                ]
            case .error(let message):
                // The failure count resets: a login Error waits the long login retry delay instead.
                return [.cancelTimer(.requestTimeout(seq: seq)), .close(connection: connection)]
                    + waitToReconnect(failures: 0, reason: .loginRejected(message))
            }
        case .ready(var session):
            guard let seq = UInt64(reply.seqID) else {
                return [.log(.warning, "reply with SeqID \(reply.seqID) matches no request, dropped")]
            }
            if session.unansweredHeartbeats.contains(seq), reply.method == .heartBeat {
                // A heartbeat answered with Error drops the session at once rather than counting as
                // one missed heartbeat: the PBX answered, so the network is fine — it is the session
                // the PBX no longer holds (restarted PMS module, account logged out or disabled), and
                // every Set would fail with the same Error. Waiting for three misses (15 s, §3.3)
                // would keep the link "up" while nothing reaches the PBX; only a new login helps, and
                // after it every setting is verified again (§8).
                if case .error(let message) = reply.outcome {
                    return linkDown(session, reason: .heartbeatRejected(message))
                }
                session.unansweredHeartbeats.removeAll()
                session.missedHeartbeats = 0
                state = .ready(session)
                return []
            }
            guard let inFlight = session.inFlight[seq] else {
                return [.log(.warning, "reply with SeqID \(seq) matches no request (late or unknown), dropped")]
            }
            guard inFlight.method == reply.method else {
                return [.log(.warning, "reply to SeqID \(seq) has CallMethod \(reply.method.rawValue), "
                    + "expected \(inFlight.method.rawValue); dropped")]
            }
            session.inFlight[seq] = nil
            var actions: [Action] = [.cancelTimer(.requestTimeout(seq: seq))]
            if let request = inFlight.request { actions.append(.succeed(request, reply)) }
            actions += sendQueued(&session)
            state = .ready(session)
            return actions
        case .loggingOut(let connection, let seq) where reply.seqID == String(seq):
            return [.cancelTimer(.logoutTimeout), .close(connection: connection)] + stop()
        case .idle, .waitingToReconnect, .connecting, .loggingIn, .loggingOut, .stopped:
            return [.log(.debug, "reply with SeqID \(reply.seqID) outside a session, dropped")]
        }
    }

    private mutating func sendQueued(_ session: inout Session) -> [Action] {
        var actions: [Action] = []
        while session.inFlight.count < max(1, configuration.requestWindow), !session.queue.isEmpty {
            let (request, command) = session.queue.removeFirst()
            let seq = nextSeq()
            do {
                let frame = try PBXRequest(seqID: String(seq), command: command).frame()
                session.inFlight[seq] = InFlight(request: request, method: command.method)
                actions.append(.write(frame, connection: session.connection))
                actions.append(.startTimer(.requestTimeout(seq: seq), configuration.requestTimeout))
            } catch {
                actions.append(.fail(request, .invalidRequest(error)))
            }
        }
        return actions
    }

    private mutating func heartbeat(_ session: inout Session) -> [Action] {
        if !session.unansweredHeartbeats.isEmpty {
            session.missedHeartbeats += 1
        }
        if session.missedHeartbeats >= configuration.missedHeartbeatsBeforeDown {
            return linkDown(session, reason: .heartbeatLost)
        }
        let seq = nextSeq()
        session.unansweredHeartbeats.insert(seq)
        state = .ready(session)
        var actions: [Action] = []
        if let frame = try? PBXRequest(seqID: String(seq), command: .heartbeat(user: configuration.user)).frame() {
            actions.append(.write(frame, connection: session.connection))
        }
        actions.append(.startTimer(.heartbeat(connection: session.connection), configuration.heartbeatInterval))
        return actions
    }
}

extension LinkStateMachine.State {
    var isStopping: Bool {
        switch self {
        case .loggingOut, .stopped: true
        case .idle, .waitingToReconnect, .connecting, .loggingIn, .ready: false
        }
    }
}
