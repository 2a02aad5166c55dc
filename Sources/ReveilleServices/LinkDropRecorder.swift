import Foundation
import Logging
import PBXProtocol
import ReveilleStore
import ServiceLifecycle

/// Records each drop of the PBX link in the audit (a `Service`), with the link's reason, so a
/// room's timeline shows when nothing could reach the PBX; the login that follows is audited by
/// the push scheduler (`verify`, §8).
public struct LinkDropRecorder: Service {
    private let states: AsyncStream<LinkState>
    private let store: Store
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// - Parameter states: the link's states (`PBXSending.states()`), the current one first.
    public init(states: AsyncStream<LinkState>, store: Store, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.states = states
        self.store = store
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var wasUp = false
            for await state in states {
                defer { wasUp = state.isUp }
                // A drop is up → anything else but a shutdown (the link logs out on purpose then).
                guard wasUp, !state.isUp, state != .stopped, state != .down(.shutdown) else { continue }
                let reason = if case .down(let reason) = state { "\(reason)" } else { "\(state)" }
                do {
                    try store.auditLinkDrop(reason: reason, at: now())
                } catch {
                    logger.warning("could not record the link's drop", metadata: ["error": "\(error)", "reason": "\(reason)"])
                }
            }
        }
    }
}
