import Foundation
import ReveilleCore

/// Where the push scheduler reports a wake-up due within 60 min that the PBX has not confirmed
/// (the same channel as the missed wake-ups). ``AlertCenter`` is one.
public protocol AlertSink: Sendable {
    /// Raises an `unconfirmedSoon` alert for `wakeUp`, at `now`.
    func unconfirmedSoon(_ wakeUp: UnconfirmedWakeUp, at now: Date)
    /// Raises a `pushFailed` alert: a push to the extension `phone` of `room` was given up
    /// (`setting` is the outbox kind: `alarmClock`, `name`, `callClass`, `dnd`).
    func pushFailed(room: String, phone: String, setting: String, error: String, at now: Date)
}

extension AlertSink {
    /// Default: nothing (sinks that only follow wake-ups).
    public func pushFailed(room: String, phone: String, setting: String, error: String, at now: Date) {}
}
