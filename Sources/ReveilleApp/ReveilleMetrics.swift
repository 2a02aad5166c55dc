import Foundation
import PBXProtocol
import ReveilleCore
import Prometheus
import ReveilleIngest
import ReveilleServices

/// The service's metrics in a Prometheus registry (`GET /metrics`), every family with its `# HELP`.
///
/// A registry per application (no global bootstrap), so tests can run several side by side.
public final class ReveilleMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let linkUp: Gauge
    private let loginFailures: Counter
    private let heartbeatLosses: Counter
    private let outboxDepth: Gauge
    private let failedPushes: Gauge
    private let exportAge: Gauge
    private let pushes: [String: Counter]
    private let imports: [String: Counter]
    private let outcomes: [WakeUpOutcomeName: Counter]
    private let alerts: [AlertKind: Counter]

    /// The wake-up outcomes counted (§5.3).
    enum WakeUpOutcomeName: String, CaseIterable, Sendable {
        case answered, unanswered
    }

    public init() {
        let registry = self.registry
        Self.makeGauge(registry, "reveille_build_info", labels: [("version", ReveilleVersion.current)],
            help: "The running release of Reveille (always 1).").set(Int64(1))
        linkUp = Self.makeGauge(registry, "reveille_pbx_link_up", help: "1 while the PBX session is logged in and its heartbeats are answered, else 0.")
        loginFailures = Self.makeCounter(registry, "reveille_pbx_login_failures_total", help: "Logins the PBX rejected (§3.1).")
        heartbeatLosses = Self.makeCounter(registry, "reveille_pbx_heartbeat_losses_total", help: "Sessions dropped for unanswered heartbeats (§3.3).")
        outboxDepth = Self.makeGauge(registry, "reveille_pushes_pending", help: "Settings waiting to be pushed to the PBX.")
        failedPushes = Self.makeGauge(registry, "reveille_pushes_failed", help: "Settings the PBX kept refusing (shown to reception; retried on demand).")
        exportAge = Self.makeGauge(registry, "reveille_occupancy_export_age_seconds",
            help: "Seconds since the PMS last wrote its in-house export (-1: no export configured or none yet).")
        exportAge.set(Int64(-1))
        pushes = Dictionary(uniqueKeysWithValues: ["success", "error", "link"].map {
            ($0, Self.makeCounter(registry, "reveille_pushes_total", labels: [("result", $0)],
                help: "Pushes by result: success (PBX answered Success), error (PBX answered Error), link (no answer: link down or timeout)."))
        })
        imports = Dictionary(uniqueKeysWithValues: ["applied", "held", "rejected"].map {
            ($0, Self.makeCounter(registry, "reveille_imports_total", labels: [("result", $0)],
                help: "Occupancy exports by outcome: applied, held (too many check-outs at once), rejected (unreadable)."))
        })
        outcomes = Dictionary(uniqueKeysWithValues: WakeUpOutcomeName.allCases.map {
            ($0, Self.makeCounter(registry, "reveille_wakeup_outcomes_total", labels: [("outcome", $0.rawValue)],
                help: "Wake-up rings the PBX reported, by outcome: answered (status 10 then 6), unanswered (§5.3)."))
        })
        alerts = Dictionary(uniqueKeysWithValues: AlertKind.allCases.map {
            ($0, Self.makeCounter(registry, "reveille_alerts_total", labels: [("kind", $0.rawValue)],
                help: "Alerts raised for reception, by kind: unanswered, notRung, busy, suppressed, unconfirmedSoon, personalCall, pushFailed."))
        })
        linkUp.set(Int64(0))
    }

    private static func makeGauge(_ registry: PrometheusCollectorRegistry, _ name: String, labels: [(String, String)] = [], help: String) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    private static func makeCounter(_ registry: PrometheusCollectorRegistry, _ name: String, labels: [(String, String)] = [], help: String) -> Counter {
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    /// The Prometheus text exposition.
    public func text() -> String { registry.emitToString() }

    func record(_ state: LinkState) {
        linkUp.set(Int64(state.isUp ? 1 : 0))
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

    func record(pending: Int, failed: Int) {
        outboxDepth.set(Int64(pending))
        failedPushes.set(Int64(failed))
    }

    func record(_ report: ImportReport) {
        imports[report.outcome.rawValue]?.increment()
    }

    func record(exportAge seconds: Double?) {
        exportAge.set(seconds ?? -1)
    }

    /// Counts an alert raised.
    func record(_ alert: Alert) {
        alerts[alert.kind]?.increment()
    }

    /// Counts new outcomes: how many rings ended with each outcome since the last count.
    func record(newOutcomes counts: [String: Int]) {
        for name in WakeUpOutcomeName.allCases {
            if let count = counts[name.rawValue], count > 0 { outcomes[name]?.increment(by: Int64(count)) }
        }
    }
}
