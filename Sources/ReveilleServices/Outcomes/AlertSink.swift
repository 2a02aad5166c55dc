import Foundation
import ReveilleCore

/// Where the push scheduler reports a wake-up due within 60 min that the PBX has not confirmed
/// (issue 10 §2: the same channel as the missed wake-ups). ``AlertCenter`` is one.
public protocol AlertSink: Sendable {
    /// Raises an `unconfirmedSoon` alert for `wakeUp`, at `now`.
    func unconfirmedSoon(_ wakeUp: UnconfirmedWakeUp, at now: Date)
}
