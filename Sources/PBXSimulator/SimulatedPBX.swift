import NIOCore
import PBXProtocol

/// The behaviour of a Guowei PBX's PMS interface, without sockets: requests in, replies and events
/// out. ``PBXSimulatorServer`` puts it on TCP.
///
/// It accepts logins against its accounts (a wrong password gets the vendor's Error reply, §3.1),
/// answers heartbeats (§3.3), validates every Set as §4 says and replies Success or Error with a
/// Message, keeps each extension's settings, and rings wake-ups on its own wall clock (``tick(now:)``):
/// ExtenStatus 10, then 6 and back to 0 with an ANSWERED CDR when the guest picks up, or straight back
/// to 0 when not, every `frequency` minutes up to `num` attempts (§4.4, §5). Each extension can be
/// scripted (``Answering``): answer on attempt N, never answer, never ring, or busy.
public final class SimulatedPBX: Sendable {
    /// One connected client, as the simulator sees it.
    public struct SessionID: Hashable, Sendable {
        public let value: UInt64
        public init(_ value: UInt64) { self.value = value }
    }

    /// The vendor's Error message for a wrong password (§3.1 demo).
    public static let wrongPasswordMessage = "User Login failed, Password Wrong !"

    private struct State {
        var accounts: [String: String]
        var knownExtensions: Set<String>?
        var extensions: [String: SimulatedExtension] = [:]
        var loggedIn: [SessionID: String] = [:]
        var answering: [String: Answering] = [:]
        var faults = SimulatorFaults()
        var daysReading = DaysReading.keepsEntries
        var billsUnansweredRings = false
        var lastTick: PBXDateTime?
        var channelSeq = 0
        /// The last ``receivedKept`` requests, oldest first.
        var received = CircularBuffer<PBXRequest>()
    }

    /// How many of the last requests ``receivedRequests`` keeps: a simulator left running (the
    /// built-in one of `serve`, `reveille simulate`) gets a heartbeat every 5 s and every push, and
    /// kept them all (4.5 MB after the first sync of 5,000 rooms, growing for as long as it ran).
    public static let receivedKept = 5_000

    private let state: Locked<State>
    private let requestBroadcast = Broadcast<PBXRequest>()
    private let random: @Sendable () -> Double

    /// - Parameters:
    ///   - accounts: user → password.
    ///   - extensions: the extensions that exist; `nil` accepts any.
    ///   - random: numbers in `[0, 1)` for ``SimulatorFaults/errorShare``.
    public init(
        accounts: [String: String], extensions: Set<String>? = nil,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        state = Locked(State(accounts: accounts, knownExtensions: extensions))
        self.random = random
    }

    // MARK: - Inspection and control

    /// The settings of `phone`, as the PMS side left them.
    public func extensionState(_ phone: String) -> SimulatedExtension {
        state.withLock { $0.extensions[phone] ?? SimulatedExtension() }
    }

    /// Every extension that was ever set.
    public var extensions: [String: SimulatedExtension] { state.withLock { $0.extensions } }

    /// The last ``receivedKept`` requests received, in order (for tests and the demo log).
    public var receivedRequests: [PBXRequest] { state.withLock { Array($0.received) } }

    /// The requests received from now on, in order (tests wait on it instead of polling).
    public func requests() -> AsyncStream<PBXRequest> {
        requestBroadcast.subscribe()
    }

    /// The sessions currently logged in, with their user.
    public var loggedInSessions: [SessionID: String] { state.withLock { $0.loggedIn } }

    public var faults: SimulatorFaults {
        get { state.withLock { $0.faults } }
        set { state.withLock { $0.faults = newValue } }
    }

    /// How `days` is read (default: ``DaysReading/keepsEntries``).
    public var daysReading: DaysReading {
        get { state.withLock { $0.daysReading } }
        set { state.withLock { $0.daysReading = newValue } }
    }

    /// Whether a ring nobody answers ends with a `NO ANSWER` CDR (§5.1), as PBXs that bill every
    /// call do (default: no CDR, only ExtenStatus).
    public var billsUnansweredRings: Bool {
        get { state.withLock { $0.billsUnansweredRings } }
        set { state.withLock { $0.billsUnansweredRings = newValue } }
    }

    public func setAnswering(_ answering: Answering, for phone: String) {
        state.withLock { $0.answering[phone] = answering }
    }

    /// Forgets every extension setting, as a PBX restart (or a console operator) does. Sessions end
    /// with their connections (``PBXSimulatorServer/restart()`` drops them too).
    public func loseAllState() {
        state.withLock { state in
            state.extensions.removeAll()
            state.received.removeAll()
        }
    }

    /// Whether `session` is logged in (events go only to logged-in sessions, §5).
    public func isLoggedIn(_ session: SessionID) -> Bool {
        state.withLock { $0.loggedIn[session] != nil }
    }

    public func disconnected(_ session: SessionID) {
        _ = state.withLock { $0.loggedIn.removeValue(forKey: session) }
    }

    // MARK: - Requests

    /// The reply to a frame from `session`, and how long to hold it back.
    public func handle(_ frame: Frame, from session: SessionID) -> (reply: Frame, delay: Duration)? {
        let request: PBXRequest
        do {
            request = try PBXRequest(frame: frame)
        } catch {
            return (Self.errorReply(to: frame, message: "\(error)"), faults.replyDelay)
        }
        let reply = state.withLock { state -> (Frame, Duration)? in
            if state.received.count == Self.receivedKept { state.received.removeFirst() }
            state.received.append(request)
            guard let reply = Self.reply(to: request, session: session, state: &state, random: random) else {
                return nil
            }
            return (reply.frame(), state.faults.replyDelay)
        }
        requestBroadcast.yield(request)
        return reply
    }

    private static func reply(
        to request: PBXRequest, session: SessionID, state: inout State, random: () -> Double
    ) -> PBXReply? {
        switch request.command {
        case .login(let user, let password):
            guard state.accounts[user] == password else {
                state.loggedIn[session] = nil
                return .error(to: request, message: wrongPasswordMessage)
            }
            state.loggedIn[session] = user
            return .success(to: request)
        case .logout:
            guard state.loggedIn.removeValue(forKey: session) != nil else {
                return .error(to: request, message: "Not logged in")
            }
            return .success(to: request)
        case .heartbeat:
            guard state.loggedIn[session] != nil else { return .error(to: request, message: "Not logged in") }
            if let message = state.faults.heartbeatError { return .error(to: request, message: message) }
            return state.faults.answersHeartbeats ? .success(to: request) : nil
        case .setCallClass(let phone, _), .setName(let phone, _), .setDND(let phone, _), .setAlarmClock(let phone, _):
            guard state.loggedIn[session] != nil else { return .error(to: request, message: "Not logged in") }
            if let known = state.knownExtensions, !known.contains(phone) {
                return .error(to: request, message: "Extension \(phone) does not exist")
            }
            if state.faults.errorShare > 0, random() < state.faults.errorShare {
                return .error(to: request, message: "Simulated failure")
            }
            apply(request.command, phone: phone, state: &state)
            return .success(to: request)
        }
    }

    private static func apply(_ command: PBXCommand, phone: String, state: inout State) {
        var settings = state.extensions[phone] ?? SimulatedExtension()
        switch command {
        case .setCallClass(_, let callClass):
            settings.callClass = callClass
        case .setName(_, let name):
            settings.name = name
        case .setDND(_, let dnd):
            settings.dnd = dnd
        case .setAlarmClock(_, let entries):
            settings.alarms = entries
            settings.alarmClockValue = (try? AlarmClock.compile(entries)) ?? ""
            settings.alarmsSetAt = state.lastTick
        case .login, .logout, .heartbeat:
            return
        }
        state.extensions[phone] = settings
    }

    /// An Error reply to a frame that is not a valid request, echoing what header it has.
    static func errorReply(to frame: Frame, message: String) -> Frame {
        var fields = [
            Field(FieldKey.serviceType, ServiceType.pms.rawValue),
            Field(FieldKey.action, frame[FieldKey.action] ?? ""),
            Field(FieldKey.seqID, frame[FieldKey.seqID] ?? ""),
            Field(FieldKey.response, ResponseKind.error.rawValue),
            Field(FieldKey.callMethod, frame[FieldKey.callMethod] ?? ""),
        ]
        if let phone = frame[FieldKey.phone] { fields.append(Field(FieldKey.phone, phone)) }
        fields.append(Field(FieldKey.message, message.filter { !$0.isNewline }))
        return Frame(fields)
    }

    // MARK: - Wake-ups

    /// Advances the simulator's wall clock to `now` and returns the events of every wake-up attempt
    /// due since the previous tick, in time order. An attempt inside the extension's DND window does
    /// not ring (no event), as on a PBX whose DND silences wake-ups.
    ///
    /// An AlarmClock list set at time S rings each entry first at its `start` on the day of S (or the
    /// next day when `start` has passed), then daily for `days` days; each ring repeats every
    /// `frequency` minutes up to `num` attempts until answered.
    public func tick(now: PBXDateTime) -> [PBXEvent] {
        state.withLock { state in
            defer { state.lastTick = now }
            guard let last = state.lastTick, last < now else { return [] }
            var due: [(PBXDateTime, String, Int, Bool, String)] = []  // time, phone, attempt, answered, prompt
            var usedUp: [String: [Int]] = [:]  // phone → indices of entries whose days are over
            for (phone, settings) in state.extensions {
                let setAt = settings.alarmsSetAt ?? last
                let answerOn: Int? =
                    switch state.answering[phone] ?? .onAttempt(1) {
                    case .onAttempt(let attempt): attempt
                    case .never, .doesNotRing, .busy: nil
                    }
                for (index, entry) in settings.alarms.enumerated() {
                    var first = setAt.startOfDay.adding(seconds: Int64(entry.start.minutesSinceMidnight * 60))
                    if first <= setAt { first = first.adding(seconds: 86_400) }
                    let lastRing = first.adding(seconds: Int64(max(entry.days, 1) - 1) * 86_400)
                    let lastAttempt = min(entry.attempts, answerOn ?? entry.attempts)
                    if lastRing.adding(seconds: Int64((max(lastAttempt, 1) - 1) * entry.frequency * 60)) <= now {
                        usedUp[phone, default: []].append(index)
                    }
                    for day in 0..<max(entry.days, 0) {
                        let ring = first.adding(seconds: Int64(day) * 86_400)
                        if ring > now { break }
                        let lastAttempt = min(entry.attempts, answerOn ?? entry.attempts)
                        for attempt in 1...max(lastAttempt, 1) {
                            let time = ring.adding(seconds: Int64((attempt - 1) * entry.frequency * 60))
                            if time > last, time <= now {
                                due.append((time, phone, attempt, attempt == answerOn, entry.prompt))
                            }
                        }
                    }
                }
            }
            if state.daysReading == .dropsUsedUpEntries {
                for (phone, indices) in usedUp {
                    guard var settings = state.extensions[phone] else { continue }
                    for index in indices.reversed() { settings.alarms.remove(at: index) }
                    settings.alarmClockValue = (try? AlarmClock.compile(settings.alarms)) ?? ""
                    state.extensions[phone] = settings
                }
            }
            due.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            var events: [PBXEvent] = []
            for (time, phone, _, answered, prompt) in due {
                // Like the stricter PBXs (§4.3 Decision), a DND window silences the wake-up ring:
                // what Reveille's dndEndsAtWakeUp prevents.
                if case .on(let start, let end)? = state.extensions[phone]?.dnd, start <= time, time < end { continue }
                switch state.answering[phone] {
                case .doesNotRing?:
                    continue
                case .busy?:
                    events.append(
                        .cdr(CDR(
                            caller: "wakeup", callee: phone, start: time, answer: nil, end: time, duration: 0, disposition: .busy,
                            callType: .internal)))
                    continue
                case .onAttempt?, .never?, nil:
                    break
                }
                state.extensions[phone]?.lastPlayed = prompt
                state.channelSeq += 1
                let channel = "SIP/\(phone)-\(state.channelSeq)"
                events.append(.extenStatus(ExtenStatus(exten: phone, channelID: channel, status: ExtensionStatus(.wakeUpRinging))))
                if answered {
                    events.append(.extenStatus(ExtenStatus(exten: phone, channelID: channel, status: ExtensionStatus(.talking))))
                    events.append(.extenStatus(ExtenStatus(exten: phone, channelID: channel, status: ExtensionStatus(.offline))))
                    let end = time.adding(seconds: 20)
                    events.append(
                        .cdr(CDR(
                            caller: "wakeup", callee: phone, start: time, answer: time.adding(seconds: 5), end: end,
                            duration: 15, disposition: .answered, callType: .internal)))
                } else {
                    events.append(.extenStatus(ExtenStatus(exten: phone, channelID: channel, status: ExtensionStatus(.offline))))
                    if state.billsUnansweredRings {
                        events.append(
                            .cdr(CDR(
                                caller: "wakeup", callee: phone, start: time, answer: nil, end: time.adding(seconds: 30),
                                duration: 30, disposition: .noAnswer, callType: .internal)))
                    }
                }
            }
            return events
        }
    }
}
