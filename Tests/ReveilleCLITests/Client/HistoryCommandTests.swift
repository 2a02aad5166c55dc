import ArgumentParser
import PBXSimulator
import Foundation
import ReveilleAPIContract
import Testing

@testable import ReveilleCLI

/// `reveille wakeups`, `reveille alerts`, `reveille audit` and `reveille cdrs` through the API client.
@Suite struct HistoryCommandTests {
    static let due = Date(timeIntervalSince1970: 1_795_559_400)

    @Test func wakeupsAsksForTheDayAndRoomAndPrintsOutcomes() async throws {
        let command = try ClientFixture.parse(WakeupsCommand.self, ["--date", "2026-11-25", "--room", "1208"], as: WakeupsCommand.self)
        #expect(command.request.path == "/api/wakeups/occurrences?date=2026-11-25&room=1208")
        let transport = FakeTransport([
            .json(200, API.Status(
                link: API.Link(state: "up", up: true, detail: "up"), outbox: .init(pending: 0, failed: 0), import: .init(),
                hotel: .init(timeZone: "Asia/Shanghai", now: "2026-11-25T05:00"), simulator: false, unconfirmedSoon: 0, quarantined: [])),
            .json(200, [
                API.Occurrence(
                    id: 1, room: "1208", guest: "张伟", source: "room", scheduledAt: Self.due, state: "unanswered",
                    attempts: [.init(at: Self.due, result: "unanswered"), .init(at: Self.due + 300, result: "unanswered")], alertID: 4)
            ]),
        ])
        let output = try await ClientFixture.execute(command, transport)
        // The hotel's time (Shanghai), not UTC.
        #expect(output.contains("2026-11-25 06:30  1208  张伟"))
        #expect(output.contains("06:30 unanswered, 06:35 unanswered") && output.contains("alert #4"))
        #expect(transport.recorded.last?.url.hasSuffix("/api/wakeups/occurrences?date=2026-11-25&room=1208") == true)
    }

    @Test func wakeupsAsCSVPrintsTheServicesCSVUnchanged() async throws {
        let command = try ClientFixture.parse(WakeupsCommand.self, ["--csv"], as: WakeupsCommand.self)
        #expect(command.request.path == "/api/wakeups/occurrences?format=csv")
        let csv = "room,guest,time,source,group,outcome,attempts,alert\r\n1208,张伟,2026-11-25T06:30,room,,answered,06:30 answered,\r\n"
        #expect(try await ClientFixture.execute(command, FakeTransport(body: csv)) == csv)
    }

    @Test func auditSendsRoomAndRangeEncoded() throws {
        let command = try ClientFixture.parse(
            AuditCommand.self, ["--room", "1208", "--since", "2026-11-24T18:00", "--until", "2026-11-25T09:00", "--csv"], as: AuditCommand.self)
        #expect(command.request.path == "/api/audit?room=1208&since=2026-11-24T18:00&until=2026-11-25T09:00&format=csv")
    }

    @Test func cdrsAsksForTheDay() throws {
        let command = try ClientFixture.parse(CDRsCommand.self, ["--date", "2026-11-25", "--room", "1208"], as: CDRsCommand.self)
        #expect(command.request.path == "/api/cdrs?date=2026-11-25&room=1208")
    }

    @Test func alertsAcknowledgePostsTheActionAndNote() async throws {
        let command = try ClientFixture.parse(
            AlertsCommand.self, ["--acknowledge", "4", "--action", "called the room", "--note", "up & fine"], as: AlertsCommand.self)
        #expect(command.request.method == .post)
        #expect(command.request.path == "/api/alerts/4/acknowledge")
        #expect(command.request.bodyText == #"{"action":"called the room","note":"up & fine"}"#)
        let transport = FakeTransport(json: API.Alert(
            id: 4, kind: "unanswered", room: "1208", scheduledAt: Self.due, raisedAt: Self.due, message: "m", acknowledgedAt: Self.due,
            acknowledgedBy: "reception:alice", action: "called the room"))
        #expect(try await ClientFixture.execute(command, transport) == "Alert #4 acknowledged by reception:alice: called the room.\n")
    }

    @Test func alertsAcknowledgeWithoutAnActionIsAUsageError() {
        #expect(throws: (any Error).self) { try AlertsCommand.parseAsRoot(["--acknowledge", "4"]) }
    }

    @Test func openAlertsAreListed() async throws {
        let command = try ClientFixture.parse(AlertsCommand.self, ["--open"], as: AlertsCommand.self)
        #expect(command.request.path == "/api/alerts?open=true")
        let transport = FakeTransport(json: [API.Alert(id: 4, kind: "notRung", room: "1208", scheduledAt: Self.due, raisedAt: Self.due, message: "never rang")])
        let output = try await ClientFixture.execute(command, transport)
        #expect(output.contains("#4") && output.contains("notRung") && output.contains("never rang") && output.contains("open"))
    }
}

/// `reveille simulate --script`: demos drive every outcome.
@Suite struct SimulateScriptTests {
    @Test func scriptsNameAnExtensionAndHowItsWakeUpsGo() throws {
        #expect(try SimulateCommand.parse(script: "8201=2") == ("8201", .onAttempt(2)))
        #expect(try SimulateCommand.parse(script: "8202=never") == ("8202", .never))
        #expect(try SimulateCommand.parse(script: "8203=no-ring") == ("8203", .doesNotRing))
        #expect(try SimulateCommand.parse(script: "8204=busy") == ("8204", .busy))
    }

    @Test func aBadScriptIsAUsageError() {
        for text in ["8201", "=never", "8201=11", "8201=sometimes", "82a1=busy"] {
            #expect(throws: ValidationError.self, "\(text)") { try SimulateCommand.parse(script: text) }
        }
        #expect(throws: (any Error).self) { try ReveilleCommand.parseAsRoot(["simulate", "--script", "8201=0"]) }
    }
}
