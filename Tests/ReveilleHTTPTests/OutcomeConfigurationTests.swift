import Foundation
import Logging
import PBXSimulator
@testable import ReveilleApp
import ReveilleCore
import Testing

/// Configuration: the alert webhook (URL checked, secret required and never shown),
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

/// `pbx.simulatorScript`: the built-in simulator's answers, so a demo or the browser test can show
/// every outcome against `reveille serve`.
struct SimulatorScriptConfigurationTests {
    @Test func scriptLinesSetHowExtensionsAnswer() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.config(folder, extra: "")
        let configuration = try await ReveilleConfiguration.load(
            file: path, environment: ["PBX_SIMULATOR_SCRIPT": "8202=never,8203=no-ring,8204=busy,8205=2"])
        #expect(configuration.simulatorScript == ["8202": .never, "8203": .doesNotRing, "8204": .busy, "8205": .onAttempt(2)])
    }

    @Test func aBadScriptLineIsNamedByItsIndex() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.config(folder, extra: "")
        for bad in ["8202=sometimes", "8202=11", "=never", "82a2=never", "8202"] {
            let error = await #expect(throws: ReveilleConfiguration.Problems.self) {
                try await ReveilleConfiguration.load(file: path, environment: ["PBX_SIMULATOR_SCRIPT": "8201=1,\(bad)"])
            }
            #expect(error?.problems.contains { $0.hasPrefix("pbx.simulatorScript[1]:") && $0.contains("EXTENSION=N") } == true,
                    "\(bad): \(error?.problems ?? [])")
        }
    }
}

/// `pbx.simulatorStartsAt`: the demo's clock starts at a chosen hotel wall time (the 5 a.m. view
/// at any hour; the browser test's missed wake-up without waiting for the real one).
struct SimulatorClockConfigurationTests {
    @Test func theServiceClockStartsAtTheConfiguredWallTime() async throws {
        let folder = try ServeTests.folder()
        let calendar = HotelCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let target = calendar.wallClock(Date().addingTimeInterval(12 * 3600))  // hours away from the real time
        let time = String("\(target)".suffix(8))
        let path = try ServeTests.config(folder, extra: "")
        let configuration = try await ReveilleConfiguration.load(file: path, environment: ["PBX_SIMULATOR_STARTS_AT": time])
        let start = try #require(configuration.simulatorStartsAt)
        #expect("\(start)".hasSuffix(time))
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let application = try await ReveilleApplication.build(configuration, logger: logger)
        // The rooms are saved at the service's time: the configured one, not the real one.
        let saved = try #require(try application.store.audit(room: nil, since: nil, until: nil).first)
        #expect(abs(saved.at.timeIntervalSince(calendar.instant(start))) < 60, "\(saved.at) vs \(start)")
    }

    @Test func aBadStartOrOneWithoutTheSimulatorIsNamed() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.config(folder, extra: "")
        for (environment, rule) in [
            (["PBX_SIMULATOR_STARTS_AT": "5am"], "is not a wall time"),
            (["PBX_SIMULATOR_STARTS_AT": "2026-02-30 05:00:00"], "is not a wall time"),
            (["PBX_SIMULATOR_STARTS_AT": "0001-01-01 00:00:00"], "must lie within 400 days of today"),
            (["PBX_SIMULATOR_STARTS_AT": "9999-12-31 23:59:59"], "must lie within 400 days of today"),
            (["PBX_SIMULATOR_STARTS_AT": "05:00:00", "PBX_SIMULATOR": "false", "HTTP_TOKENS": "admin:it:a-real-secret-0123456789"],
             "needs pbx.simulator: true"),
        ] {
            let error = await #expect(throws: ReveilleConfiguration.Problems.self) {
                try await ReveilleConfiguration.load(file: path, environment: environment)
            }
            #expect(error?.problems.contains { $0.hasPrefix("pbx.simulatorStartsAt:") && $0.contains(rule) } == true,
                    "\(environment): \(error?.problems ?? [])")
        }
    }
}

/// Each alert raised is counted by kind.
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
