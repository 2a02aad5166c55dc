import Foundation
import PBXProtocol

/// How the push scheduler drains the outbox.
public struct PushConfiguration: Sendable, Hashable {
    public var pacing = PushPacing()
    /// Attempts of a command other than a wake-up list before it is marked failed and shown to
    /// reception (until the next login retries it).
    public var maximumAttempts = 5
    /// A push in flight when the link dropped this many times in a row is failed and alerted: it
    /// is taken to be what drops the link (the PBX closes the connection on it).
    public var dropsBeforeFailing = 2
    /// Wait before the first retry after a PBX Error; doubles per attempt up to ``maximumRetryDelay``.
    public var retryDelay: Duration = .seconds(15)
    public var maximumRetryDelay: Duration = .seconds(600)
    /// A wake-up list that the PBX refuses is retried for as long as its wake-up is ahead, at
    /// least this often.
    public var wakeUpRetryCap: Duration = .seconds(900)
    /// The planner runs at least this often (occurrences come into and leave the coming day).
    public var replanInterval: Duration = .seconds(60)
    /// After an outage longer than this, nothing the PBX acknowledged is trusted: full
    /// resynchronisation (§8). Shorter outages only re-plan.
    public var resyncAfterOutage: Duration = .seconds(300)
    /// When set, a full resynchronisation every night at this wall-clock time (hotel time zone).
    public var nightlyResync: TimeOfDay?
    /// Settings the PBX driver cannot carry (the console interface of older switches, §6: DND and
    /// names): never planned, so they neither fail nor wait; the driver reports them as unsupported.
    public var unsentKinds: Set<PlannedCommand.Kind> = []

    public init() {}

    /// The wait before retry number `attempt` (1-based).
    public func retryDelay(afterAttempt attempt: Int) -> Duration {
        min(retryDelay * (1 << max(0, min(attempt - 1, 20))), maximumRetryDelay)
    }
}

/// Why the scheduler is not pushing.
public enum WaitReason: Hashable, Sendable {
    /// The link is not up: pushes pause.
    case linkDown
    /// Commands wait for their pacing gap or retry time.
    case pacing
    /// Nothing to push until the next plan.
    case idle
    /// A step failed (a store error: database locked, disk full): retried after a backoff.
    case storeError
}
