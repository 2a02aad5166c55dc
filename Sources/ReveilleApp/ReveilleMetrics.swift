import CoreMetrics
import Foundation
import PBXProtocol
import Prometheus
import ReveilleIngest
import ReveilleServices

/// The service's metrics, through swift-metrics into a Prometheus registry (`GET /metrics`).
///
/// A registry per application (no global bootstrap), so tests can run several side by side.
public final class ReveilleMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let linkUp: CoreMetrics.Gauge
    private let loginFailures: CoreMetrics.Counter
    private let heartbeatLosses: CoreMetrics.Counter
    private let outboxDepth: CoreMetrics.Gauge
    private let pushes: [String: CoreMetrics.Counter]
    private let imports: [String: CoreMetrics.Counter]

    public init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        linkUp = CoreMetrics.Gauge(label: "reveille_pbx_link_up", factory: factory)
        loginFailures = CoreMetrics.Counter(label: "reveille_pbx_login_failures_total", factory: factory)
        heartbeatLosses = CoreMetrics.Counter(label: "reveille_pbx_heartbeat_losses_total", factory: factory)
        outboxDepth = CoreMetrics.Gauge(label: "reveille_outbox_depth", factory: factory)
        pushes = Dictionary(uniqueKeysWithValues: ["success", "error", "link"].map {
            ($0, CoreMetrics.Counter(label: "reveille_pushes_total", dimensions: [("result", $0)], factory: factory))
        })
        imports = Dictionary(uniqueKeysWithValues: ["applied", "held", "rejected"].map {
            ($0, CoreMetrics.Counter(label: "reveille_imports_total", dimensions: [("result", $0)], factory: factory))
        })
        linkUp.record(0)
    }

    /// The Prometheus text exposition.
    public func text() -> String { registry.emitToString() }

    func record(_ state: LinkState) {
        linkUp.record(state.isUp ? 1 : 0)
        switch state {
        case .down(.loginRejected): loginFailures.increment()
        case .down(.heartbeatLost), .down(.heartbeatRejected): heartbeatLosses.increment()
        case .connecting, .loggingIn, .up, .down, .stopped: break
        }
    }

    func record<Instant>(_ activity: SchedulerActivity<Instant>) {
        switch activity {
        case .answered(_, nil): pushes["success"]?.increment()
        case .answered(_, .some): pushes["error"]?.increment()
        case .linkFailed: pushes["link"]?.increment()
        case .planned, .sent, .waiting, .resynchronising: break
        }
    }

    func record(outboxDepth depth: Int) {
        outboxDepth.record(depth)
    }

    func record(_ report: ImportReport) {
        imports[report.outcome.rawValue]?.increment()
    }
}
