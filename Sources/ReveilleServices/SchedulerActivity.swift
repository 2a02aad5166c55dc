import PBXProtocol
import ReveilleCore

/// What the scheduler is doing, for tests, metrics and the reception page.
public enum SchedulerActivity<Instant: Sendable>: Sendable {
    /// The planner ran; `enqueued` outbox rows were created or changed.
    case planned(enqueued: Int)
    /// A command was written to the PBX at `at`.
    case sent(entry: Int64, phone: String, groupID: Int64?, at: Instant)
    /// The PBX answered: success, or its Error message.
    case answered(entry: Int64, error: String?)
    /// The link failed the push (down, timeout): requeued or retried.
    case linkFailed(entry: Int64, error: PBXLinkError)
    /// Nothing to send before `until` (`nil`: until something changes), and why.
    case waiting(until: Instant?, reason: WaitReason)
    /// Every acknowledgement was forgotten: everything will be pushed again (§8).
    case resynchronising
}

