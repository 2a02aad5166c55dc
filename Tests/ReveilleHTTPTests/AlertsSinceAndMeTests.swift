import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleCore
import ReveilleHTTP
import ReveilleStore
import Testing

/// The page reads the night's alerts, acknowledged ones too (`?since=`), so a miss handled on one PC
/// shows handled on every other; and who is signed in (`GET /api/me`), so each role sees what it may do.
struct AlertsSinceAndMeTests {
    @Test func sinceListsTheAlertsRaisedFromThenAcknowledgedOnesTooAndNotOlderOnes() async throws {
        let fixture = try APITests.Fixture()
        // APITests.now is 2026-11-24 20:00 in Asia/Shanghai.
        let old = try fixture.store.raise(
            .unanswered, room: "1201", guest: nil, scheduledAt: APITests.now - 2 * 86_400, message: "old", at: APITests.now - 2 * 86_400)
        let handled = try fixture.store.raise(
            .unanswered, room: "1202", guest: nil, scheduledAt: APITests.now - 3_600, message: "handled", at: APITests.now - 3_600)
        let open = try fixture.store.raise(.personalCall, room: "1203", guest: nil, scheduledAt: APITests.now, message: "open", at: APITests.now)
        _ = try fixture.store.acknowledge(alert: handled.id, action: .calledTheRoom, note: "ok", actor: "reception:ann", at: APITests.now)
        try await fixture.test { client in
            let response = try await client.send("/api/alerts?since=2026-11-23T20%3A00", .get, token: APITests.housekeeping)
            #expect(response.status == .ok)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            let ids = list.compactMap { ($0["id"] as? NSNumber)?.int64Value }
            #expect(ids == [open.id, handled.id])
            let acknowledged = try #require(list.first { ($0["id"] as? NSNumber)?.int64Value == handled.id })
            #expect(acknowledged["acknowledgedBy"] as? String == "reception:ann")
            #expect(acknowledged["action"] as? String == "called the room")
            #expect(!ids.contains(old.id))
            let openOnly = try await client.send("/api/alerts?open=true&since=2026-11-23T20:00", .get, token: APITests.reception)
            let openIDs = try #require(try JSONSerialization.jsonObject(with: Data(buffer: openOnly.body)) as? [[String: Any]]).compactMap { ($0["id"] as? NSNumber)?.int64Value }
            #expect(openIDs == [open.id])
        }
    }

    @Test func aSinceThatIsNotADateTimeIs400NamingIt() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let response = try await client.send("/api/alerts?since=yesterday", .get, token: APITests.reception)
            #expect(response.status == .badRequest)
            let error = try APITests.error(response)
            #expect(error["field"] as? String == "since")
            #expect(error["code"] as? String == "notADateTime")
        }
    }

    @Test func meNamesTheCallersRoleAndName() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let reception = try await client.send("/api/me", .get, token: APITests.reception)
            #expect(reception.status == .ok)
            #expect(String(buffer: reception.body) == #"{"name":"desk","role":"reception"}"#)
            let housekeeping = try await client.send("/api/me", .get, token: APITests.housekeeping)
            #expect(String(buffer: housekeeping.body).contains(#""role":"housekeeping""#))
            let nobody = try await client.send("/api/me", .get)
            #expect(nobody.status == .unauthorized)
        }
    }
}
