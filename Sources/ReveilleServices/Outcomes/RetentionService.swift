import Foundation
import Logging
import ReveilleStore
import ServiceLifecycle

/// Prunes history older than the retention period once a day (a `Service`): audit,
/// finished outbox rows, wake-up rings, CDRs, finished occurrences and acknowledged alerts
/// (``Store/prune(before:)``), so the database stays flat under a steady event stream. The first
/// pass runs at start. A failing pass is logged and tried again the next day.
public struct RetentionService<C: Clock<Duration>>: Service {
    private let store: Store
    private let retention: Duration
    private let interval: Duration
    private let clock: C
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// - Parameters:
    ///   - retention: how long history is kept (`retention.days`, default 400 days).
    ///   - interval: how often it prunes (daily).
    public init(
        store: Store, retention: Duration = .seconds(400 * 86_400), interval: Duration = .seconds(86_400), clock: C,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.store = store
        self.retention = retention
        self.interval = interval
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// One pass: removes what is older than the retention period at `now()`.
    @discardableResult
    public func pruneOnce() -> PruneReport? {
        do {
            let report = try store.prune(before: now().addingTimeInterval(-retention.seconds))
            if report.total > 0 {
                logger.info("retention: old history removed", metadata: report.removed.mapValues { .string("\($0)") })
            }
            return report
        } catch {
            logger.error("retention pass failed; tried again tomorrow", metadata: ["error": "\(error)"])
            return nil
        }
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                pruneOnce()
                try await clock.sleep(for: interval)
            }
        }
    }
}
