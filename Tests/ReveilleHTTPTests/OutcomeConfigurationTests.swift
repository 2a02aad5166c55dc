import Foundation
@testable import ReveilleApp
import ReveilleCore
import Testing

/// Issue 10's configuration: the alert webhook (URL checked, secret required and never shown),
/// the not-rung grace and retention.
struct OutcomeConfigurationTests {
    @Test func theWebhookAndRetentionAreReadAndTheSecretIsNeverShown() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.config(folder, extra: """
            alerts:
              webhook:
                url: https://duty.example.com/reveille
            outcomes:
              notRungGrace: 300
            retention:
              days: 30
            """)
        let configuration = try await ReveilleConfiguration.load(
            file: path, environment: ["ALERTS_WEBHOOK_SECRET": "a-very-secret-webhook-key"])
        #expect(configuration.webhook?.url == "https://duty.example.com/reveille")
        #expect(configuration.webhook?.secret == "a-very-secret-webhook-key")
        #expect(configuration.outcomes.notRungGrace == 300)
        #expect(configuration.retentionDays == 30)
        #expect(!"\(configuration)".contains("a-very-secret") && !"\(configuration.webhook!)".contains("a-very-secret"))
    }

    @Test func theDefaultsKeepFourHundredDaysAndSendNoWebhook() async throws {
        let configuration = try await ReveilleConfiguration.load(file: nil, environment: [:])
        #expect(configuration.webhook == nil)
        #expect(configuration.retentionDays == 400)
        #expect(configuration.outcomes.notRungGrace == 120)
    }

    @Test func aBadWebhookURLOrAMissingSecretIsNamedByKey() async throws {
        let folder = try ServeTests.folder()
        for (extra, key) in [
            ("alerts:\n  webhook:\n    url: ftp://duty.example.com\n    secret: a-very-secret-webhook-key", "alerts.webhook.url"),
            ("alerts:\n  webhook:\n    url: https://duty.example.com/hook", "alerts.webhook.secret"),
            ("retention:\n  days: 0", "retention.days"),
        ] {
            let path = try ServeTests.config(folder, extra: extra)
            let error = await #expect(throws: ReveilleConfiguration.Problems.self) {
                try await ReveilleConfiguration.load(file: path, environment: [:])
            }
            #expect(error?.problems.contains { $0.hasPrefix(key + ":") } == true, "\(key): \(error?.problems ?? [])")
        }
    }
}

/// Issue 10 §2: each alert raised is counted by kind.
struct AlertMetricsTests {
    @Test func alertsAreCountedByKind() {
        let metrics = ReveilleMetrics()
        let due = Date(timeIntervalSince1970: 1_795_559_400)
        for (id, kind) in [(1, AlertKind.unanswered), (2, .unanswered), (3, .notRung)] {
            metrics.record(Alert(id: Int64(id), kind: kind, room: "1208", scheduledAt: due, raisedAt: due, message: "m"))
        }
        let text = metrics.text()
        #expect(text.contains(#"reveille_alerts_total{kind="unanswered"} 2"#))
        #expect(text.contains(#"reveille_alerts_total{kind="notRung"} 1"#))
        #expect(text.contains("# HELP reveille_alerts_total "))
    }
}
