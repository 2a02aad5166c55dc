import Foundation

/// A wake-up that could not ring at its time and rings late instead (PROTOCOL.md §8
/// Decision (catch-up)), or the follow-up call after an answered one (§3): ``OccurrenceStateMachine``
/// decides it and the store keeps it on the occurrence; the ``Planner`` adds a one-off entry at
/// ``at`` for as long as the booking that made the wake-up still stands (cancelling the wake-up
/// cancels it too).
public struct CatchUp: Hashable, Sendable {
    public var room: String
    /// The wake-up's own time.
    public var scheduledAt: Date
    /// The minute it is caught up at.
    public var at: Date
    /// A follow-up call rather than a catch-up: one attempt, after an answered wake-up.
    public var followUp: Bool

    public init(room: String, scheduledAt: Date, at: Date, followUp: Bool = false) {
        self.room = room
        self.scheduledAt = scheduledAt
        self.at = at
        self.followUp = followUp
    }
}
