import Foundation
import PBXProtocol

extension Store {
    /// Runs `operation` with a deadline for its writes: a write still waiting for a lock another
    /// process holds (a backup tool, an admin's `sqlite3`) at `deadline` fails as busy
    /// (``isBusy(_:)``), nothing done.
    ///
    /// Reception's writes use it (``StoreThreads``: two seconds from the request) so that a booking
    /// is answered "busy, send it again" in time for the page to say so. SQLite has one writer and
    /// GRDB queues the rest: while a deadline is pending, whichever write to this database holds the
    /// queue stops waiting at it too (a service's write fails as busy and is retried by its
    /// service), so the writes queued behind reach SQLite and meet their own deadlines. Without a
    /// deadline a write waits up to the store's `busyTimeout`.
    public func withWriteDeadline<T>(
        _ deadline: ContinuousClock.Instant, isolation: isolated (any Actor)? = #isolation, operation: () async throws -> T
    ) async rethrows -> T {
        let id = writeDeadlines.register(deadline)
        defer { writeDeadlines.unregister(id) }
        return try await operation()
    }
}

/// The deadlines of the writes under way on one database: the earliest one stops the write that
/// holds its queue. One per ``Store``: another database's writes (a second store in the same
/// process, as in tests) never cut these short.
final class WriteDeadlines: Sendable {
    private let pending = Locked<(next: UInt64, deadlines: [UInt64: ContinuousClock.Instant])>((0, [:]))

    // The lock is taken and released in these synchronous functions, never around an `await`
    // (see ``Locked``).
    func register(_ deadline: ContinuousClock.Instant) -> UInt64 {
        pending.withLock { pending in
            pending.next += 1
            pending.deadlines[pending.next] = deadline
            return pending.next
        }
    }

    func unregister(_ id: UInt64) {
        _ = pending.withLock { $0.deadlines.removeValue(forKey: id) }
    }

    /// SQLite's busy handler: sleeps 10 ms and asks again, until the earliest pending deadline (a
    /// write's own among them) or `timeout` (counted in tries) has passed.
    func keepWaiting(tries: Int, timeout: TimeInterval) -> Bool {
        if let earliest = pending.withLock({ $0.deadlines.values.min() }), ContinuousClock.now >= earliest { return false }
        guard Double(tries) * Self.busyRetryInterval < timeout else { return false }
        Thread.sleep(forTimeInterval: Self.busyRetryInterval)
        return true
    }

    /// How long the busy handler sleeps between tries.
    static let busyRetryInterval: TimeInterval = 0.010
}
