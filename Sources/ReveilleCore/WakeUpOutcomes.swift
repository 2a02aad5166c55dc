import Foundation
import PBXProtocol

/// How one ring of a wake-up ended (§5.3 decisions: answered when the extension goes from 10 to 6,
/// unanswered when it leaves 10 any other way).
public enum WakeUpOutcome: String, Hashable, Sendable, Codable {
    case answered
    case unanswered
}

/// One wake-up ring the PBX reported.
public struct WakeUpAttempt: Hashable, Sendable, Codable {
    public var phone: String
    /// When the ring started (status 10 arrived).
    public var ringAt: Date
    public var outcome: WakeUpOutcome
    /// When the outcome was known.
    public var endedAt: Date

    public init(phone: String, ringAt: Date, outcome: WakeUpOutcome, endedAt: Date) {
        self.phone = phone
        self.ringAt = ringAt
        self.outcome = outcome
        self.endedAt = endedAt
    }
}

/// Follows ExtenStatus events and tells which wake-up rings were answered. Pure: events and their
/// arrival time in, finished attempts out.
public struct WakeUpOutcomeTracker: Sendable {
    private var ringing: [String: Date] = [:]

    public init() {}

    /// The attempt an ExtenStatus event finishes, if any.
    public mutating func observe(_ status: ExtenStatus, at time: Date) -> WakeUpAttempt? {
        let state = status.status.state
        if state == .wakeUpRinging {
            if ringing[status.exten] == nil { ringing[status.exten] = time }
            return nil
        }
        guard let ringAt = ringing.removeValue(forKey: status.exten) else { return nil }
        return WakeUpAttempt(
            phone: status.exten, ringAt: ringAt, outcome: state == .talking ? .answered : .unanswered, endedAt: time)
    }

    /// Extensions whose wake-up is ringing now.
    public var ringingNow: [String: Date] { ringing }
}
