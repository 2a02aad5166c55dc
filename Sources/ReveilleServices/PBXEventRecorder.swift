import Foundation
import Logging
import PBXLink
import PBXProtocol
import ReveilleCore
import ReveilleStore
import ServiceLifecycle

/// Records what the PBX reports (a `Service`): CDRs, and each wake-up ring with whether it was
/// answered (ExtenStatus 10 → 6) or not (10 → anything else), so reception sees which guests are up.
public struct PBXEventRecorder: Service {
    private let events: AsyncStream<PBXEvent>
    private let store: Store
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// - Parameter events: the link's events (`PBXLink.events()`), subscribed before the link runs.
    public init(events: AsyncStream<PBXEvent>, store: Store, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.events = events
        self.store = store
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var tracker = WakeUpOutcomeTracker()
            for await event in events {
                do {
                    switch event {
                    case .extenStatus(let status):
                        guard let attempt = tracker.observe(status, at: now()) else { continue }
                        try store.record(attempt)
                        logger.info(attempt.outcome == .answered ? "wake-up answered" : "wake-up not answered",
                                    metadata: ["extension": "\(attempt.phone)"])
                    case .cdr(let cdr):
                        try store.record(cdr, receivedAt: now())
                        logger.debug("CDR recorded", metadata: ["caller": "\(cdr.caller)", "callee": "\(cdr.callee)"])
                    case .callIn(let call):
                        logger.info("call to the operator console", metadata: ["caller": "\(call.caller)", "callee": "\(call.callee)"])
                    }
                } catch {
                    logger.error("could not record a PBX event", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
