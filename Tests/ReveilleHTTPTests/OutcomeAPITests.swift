import Foundation
import Hummingbird
import HummingbirdTesting
import PBXProtocol
import ReveilleAPIContract
import ReveilleCore
import ReveilleStore
import Testing

/// Through the API: the day's wake-ups, alerts and their acknowledgement, the
/// audit and CDR queries with CSV (§5). Bad input is a 400 naming the field and changes nothing.
struct OutcomeAPITests {
    /// 2026-11-25 06:30 in Shanghai (the fixture's clock is the evening before).
    static let due = Date(timeIntervalSince1970: 1_795_559_400)

    static func text(_ body: ByteBuffer) -> String { String(decoding: Data(buffer: body), as: UTF8.self) }

    /// A fixture with an unanswered wake-up in 1201 (alerted), an answered one in 1202 and a CDR.
    static func fixture() throws -> (APITests.Fixture, Alert) {
        let fixture = try APITests.Fixture()
        let store = fixture.store
        let missed = WakeUpOccurrence(
            room: "1201", phone: "8201", guest: "张伟", scheduledAt: due, onPBX: true, state: .unanswered,
            attempts: (0..<3).map { OccurrenceAttempt(at: due + TimeInterval($0 * 300), result: .unanswered) })
        try store.save(WakeUpOccurrence(
            room: "1202", phone: "8202", guest: "Guest 1", source: .group, groupID: 1, groupName: "Tour", scheduledAt: due - 600,
            onPBX: true, state: .answered, attempts: [OccurrenceAttempt(at: due - 600, result: .answered)]))
        let alert = try store.raise(.unanswered, room: "1201", guest: "张伟", scheduledAt: due, message: "missed", occurrence: missed, at: due + 630)
        try store.record(
            CDR(caller: "wakeup", callee: "8202", start: PBXDateTime("2026-11-25 06:20:00")!, answer: PBXDateTime("2026-11-25 06:20:05")!,
                end: PBXDateTime("2026-11-25 06:20:20")!, duration: 15, disposition: .answered, callType: .internal),
            receivedAt: due)
        return (fixture, alert)
    }

    @Test func theDaysWakeUpsAreListedInTimeOrderWithAttemptsAndAlert() async throws {
        let (fixture, alert) = try Self.fixture()
        try await fixture.test { client in
            let items = try ContractTypesTests.decoded(
                [API.Occurrence].self, try await client.send("/api/wakeups/occurrences?date=2026-11-25", .get, token: APITests.reception))
            #expect(items.map(\.room) == ["1202", "1201"])
            #expect(items[0].source == "group" && items[0].groupName == "Tour" && items[0].state == "answered")
            #expect(items[1].state == "unanswered" && items[1].attempts.map(\.result) == ["unanswered", "unanswered", "unanswered"])
            #expect(items[1].alertID == alert.id)
            // Every key is there, null when absent (the page reads a fixed shape).
            let raw = try APITests.array(try await client.send("/api/wakeups/occurrences?date=2026-11-25&room=1201", .get, token: APITests.reception))
            #expect(raw.count == 1)
            #expect(Set(raw[0].keys) == [
                "id", "room", "guest", "source", "groupName", "scheduledAt", "state", "attempts", "alertID", "personal", "receptionOnly",
                "catchUpAt", "lateBy", "followUpAt",
            ])
            #expect(raw[0]["catchUpAt"] is NSNull && raw[0]["lateBy"] is NSNull)
            #expect(raw[0]["personal"] as? Bool == false && raw[0]["receptionOnly"] as? Bool == false)
            #expect(raw[0]["groupName"] is NSNull)
            let other = try APITests.array(try await client.send("/api/wakeups/occurrences?date=2026-11-26", .get, token: APITests.reception))
            #expect(other.isEmpty)
        }
    }

    @Test func theDaysWakeUpsAsCSVAreAPrintableTable() async throws {
        let (fixture, _) = try Self.fixture()
        try await fixture.test { client in
            let response = try await client.send("/api/wakeups/occurrences?date=2026-11-25&format=csv", .get, token: APITests.reception)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = Self.text(response.body).split(separator: "\r\n")
            #expect(lines.first == "room,guest,time,source,group,outcome,attempts,alert")
            #expect(lines.count == 3)
            #expect(lines[2].hasPrefix("1201,张伟,2026-11-25T06:30,room,,unanswered,"))
        }
    }

    @Test func badQueryParametersAreRefusedNamingTheField() async throws {
        let (fixture, _) = try Self.fixture()
        try await fixture.test { client in
            for (query, field) in [("date=2026-02-30", "date"), ("date=tomorrow", "date"), ("room=12%2F01", "room"), ("format=xml", "format")] {
                let response = try await client.send("/api/wakeups/occurrences?\(query)", .get, token: APITests.reception)
                #expect(response.status == .badRequest, "\(query)")
                #expect(try APITests.error(response)["field"] as? String == field, "\(query)")
            }
            let open = try await client.send("/api/alerts?open=maybe", .get, token: APITests.reception)
            #expect(try APITests.error(open)["field"] as? String == "open")
            let since = try await client.send("/api/audit?since=yesterday", .get, token: APITests.admin)
            #expect(try APITests.error(since)["field"] as? String == "since")
        }
    }

    @Test func acknowledgingAnAlertClosesItNamesThePersonAndIsAudited() async throws {
        let (fixture, alert) = try Self.fixture()
        try await fixture.test { client in
            let open = try ContractTypesTests.decoded([API.Alert].self, try await client.send("/api/alerts?open=true", .get, token: APITests.reception))
            #expect(open.map(\.id) == [alert.id] && open[0].acknowledgedAt == nil)
            let acknowledged = try ContractTypesTests.decoded(
                API.Alert.self,
                try await client.send(
                    "/api/alerts/\(alert.id)/acknowledge", .post, token: APITests.reception,
                    body: try ContractTypesTests.json(API.AlertAcknowledgement(action: "called the room", note: "up now"))))
            #expect(acknowledged.acknowledgedBy == "reception:desk" && acknowledged.action == "called the room" && acknowledged.note == "up now")
            #expect(acknowledged.acknowledgedAt != nil)
            let stillOpen = try APITests.array(try await client.send("/api/alerts?open=true", .get, token: APITests.reception))
            #expect(stillOpen.isEmpty)
            let all = try APITests.array(try await client.send("/api/alerts", .get, token: APITests.reception))
            #expect(all.count == 1)
        }
        #expect(try fixture.store.audit(limit: 5).contains { $0.action == "acknowledge" && $0.actor == "reception:desk" && $0.entityID == "\(alert.id)" })
    }

    @Test func aBadAcknowledgementIsRefusedNamingTheFieldAndChangesNothing() async throws {
        let (fixture, alert) = try Self.fixture()
        try await fixture.test { client in
            let cases: [(String, String)] = [
                (#"{"action":"shouted"}"#, "action"),
                (#"{"note":"x"}"#, "action"),
                (#"{"action":"other","note":"\#(String(repeating: "n", count: 501))"}"#, "note"),
                (#"{"action":"other","note":"a\u0007b"}"#, "note"),
            ]
            for (body, field) in cases {
                let response = try await client.send("/api/alerts/\(alert.id)/acknowledge", .post, token: APITests.reception, body: body)
                #expect(response.status == .badRequest, "\(body.prefix(40))")
                #expect(try APITests.error(response)["field"] as? String == field, "\(body.prefix(40))")
            }
            let unknown = try await client.send("/api/alerts/999/acknowledge", .post, token: APITests.reception, body: #"{"action":"other"}"#)
            #expect(unknown.status == .notFound)
            let noToken = try await client.send("/api/alerts/\(alert.id)/acknowledge", .post, body: #"{"action":"other"}"#)
            #expect(noToken.status == .unauthorized)
        }
        #expect(try fixture.store.alerts(openOnly: true).map(\.id) == [alert.id])
    }

    @Test func theAuditOfARoomAndTheCDRsOfADayComeAsJSONAndCSV() async throws {
        let (fixture, _) = try Self.fixture()
        try await fixture.test { client in
            let audit = try ContractTypesTests.decoded(
                [API.AuditEntry].self, try await client.send("/api/audit?room=1201&since=2026-11-24T00:00", .get, token: APITests.admin))
            #expect(!audit.isEmpty && audit.allSatisfy { ($0.entityID == "1201") || ($0.after ?? "").contains("1201") })
            #expect(zip(audit, audit.dropFirst()).allSatisfy { $0.at <= $1.at })
            let csv = try await client.send("/api/audit?room=1201&format=csv", .get, token: APITests.admin)
            #expect(Self.text(csv.body).hasPrefix("at,actor,action,entity,entityID,before,after\r\n"))
            #expect(try await client.send("/api/audit?room=1201", .get, token: APITests.reception).status == .forbidden)

            let cdrs = try ContractTypesTests.decoded([API.CDR].self, try await client.send("/api/cdrs?date=2026-11-25&room=1202", .get, token: APITests.reception))
            #expect(cdrs.map(\.room) == ["1202"] && cdrs.first?.disposition == "ANSWERED")
            #expect(try APITests.array(try await client.send("/api/cdrs?date=2026-11-25&room=1201", .get, token: APITests.reception)).isEmpty)
            let cdrCSV = try await client.send("/api/cdrs?date=2026-11-25&format=csv", .get, token: APITests.reception)
            #expect(Self.text(cdrCSV.body).split(separator: "\r\n").count == 2)
        }
    }
}
