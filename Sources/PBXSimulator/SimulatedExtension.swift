import PBXProtocol

/// What the simulated PBX holds for one extension: exactly what the PMS side set (§4).
public struct SimulatedExtension: Hashable, Sendable {
    /// The wake-up list of the last AlarmClock Set (§4.4: it replaces the previous one).
    public var alarms: [WakeUpEntry] = []
    /// The AlarmClock value as received.
    public var alarmClockValue = ""
    /// When the wake-up list was set (simulator wall clock): its `days` count from here.
    public var alarmsSetAt: PBXDateTime?
    public var dnd: DNDSetting = .off
    public var name: String?
    public var callClass: CallClass?
    /// The prompt file (§4.4 `file`) of the last wake-up it rang: what the guest heard.
    public var lastPlayed: String?

    public init() {}
}

/// How an extension's wake-ups go: the simulator's per-extension script (tests and demos
/// drive every outcome). Set with ``SimulatedPBX/setAnswering(_:for:)``; the default answers the first.
public enum Answering: Hashable, Sendable {
    /// Picks up on this attempt (1-based); earlier attempts ring out (ExtenStatus 10 → 0).
    case onAttempt(Int)
    /// Every attempt rings out, none is answered.
    case never
    /// The PBX never rings it: no ExtenStatus, no CDR (a PBX that lost or ignored the wake-up).
    case doesNotRing
    /// The line is busy at every attempt: no ring, a CDR with `Disposition: BUSY` each time (§5.1).
    case busy

    /// Reads one script line `EXTENSION=N|never|no-ring|busy` (`reveille simulate --script`,
    /// `pbx.simulatorScript`); `nil` when it is not one.
    public static func script(_ text: String) -> (phone: String, answering: Answering)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 32, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        switch parts[1] {
        case "never": return (parts[0], .never)
        case "no-ring": return (parts[0], .doesNotRing)
        case "busy": return (parts[0], .busy)
        default:
            guard let attempt = Int(parts[1]), (1...10).contains(attempt) else { return nil }
            return (parts[0], .onAttempt(attempt))
        }
    }

    /// What a script line must look like (the error text of a bad one).
    public static let scriptRule = "give EXTENSION=N (answer on attempt N, 1–10), never, no-ring or busy"
}

/// Faults the simulator injects on command.
public struct SimulatorFaults: Hashable, Sendable {
    /// When false, heartbeats get no reply (§3.3: the client must notice within three).
    public var answersHeartbeats = true
    /// Every reply waits this long on the simulator's clock.
    public var replyDelay: Duration = .zero
    /// Share of Sets, 0…1, answered with an Error (chosen with the simulator's random source).
    public var errorShare = 0.0
    /// When set, heartbeats are answered with Error and this Message (a PBX that no longer holds
    /// the session while the TCP connection stays open).
    public var heartbeatError: String?
    /// When true, the PBX cannot be reached (a network fault, a PBX still booting): every message
    /// closes its connection unanswered, so clients keep reconnecting until it is false again. Its
    /// own wall clock runs on: it still rings what it holds.
    public var unreachable = false

    public init() {}
}

/// How the simulator reads an AlarmClock entry's `days` (§4.4 Decision (days): the vendor text
/// does not settle it).
public enum DaysReading: Hashable, Sendable {
    /// The entry stays in the list; it rings on `days` days from when it was set (our reading).
    case keepsEntries
    /// The entry rings on `days` days, then is dropped from the list.
    case dropsUsedUpEntries
}
