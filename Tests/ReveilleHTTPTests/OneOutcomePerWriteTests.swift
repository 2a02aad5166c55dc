import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleCore
import ReveilleHTTP
import ReveilleStore
import Testing

/// A write has one outcome however many arrive at once: an alert is acknowledged once, and a
/// room never holds more wake-ups than the cap.
struct OneOutcomePerWriteTests {
    static func raiseAlert(_ store: Store) throws -> Alert {
        try store.raise(
            .unanswered, room: "1201", guest: "张伟", scheduledAt: APITests.now - 600, message: "Wake-up 19:50 for room 1201 (张伟) was not answered (3 attempts)",
            at: APITests.now)
    }

    @Test func aSecondAcknowledgementIs409NamingWhoAcknowledgedAndTheFirstIsKept() async throws {
        let fixture = try APITests.Fixture()
        let alert = try Self.raiseAlert(fixture.store)
        try await fixture.test { client in
            let first = try await client.send("/api/alerts/\(alert.id)/acknowledge", .post, token: APITests.reception, body: #"{"action":"went to the room","note":"guest up"}"#)
            #expect(first.status == .ok)
            let second = try await client.send("/api/alerts/\(alert.id)/acknowledge", .post, token: APITests.housekeeping, body: #"{"action":"other"}"#)
            #expect(second.status == .conflict)
            let error = try APITests.error(second)
            #expect(error["code"] as? String == "alreadyAcknowledged")
            #expect((error["params"] as? [String: String])?["by"] == "reception:desk")
            #expect((error["params"] as? [String: String])?["at"]?.isEmpty == false)
        }
        let stored = try #require(try fixture.store.alerts().first { $0.id == alert.id })
        #expect(stored.acknowledgedBy == "reception:desk")
        #expect(stored.action == .wentToTheRoom)
        #expect(stored.note == "guest up")
    }

    @Test func tenAcknowledgementsAtOnceRecordExactlyOne() async throws {
        let fixture = try APITests.Fixture()
        let alert = try Self.raiseAlert(fixture.store)
        try await fixture.test { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await client.send(
                            "/api/alerts/\(alert.id)/acknowledge", .post, token: APITests.reception, body: #"{"action":"other","note":"desk \#(index)"}"#
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 9)
        }
        let audit = try fixture.store.audit(room: nil, since: nil, until: nil).filter { $0.entity == "alert" && $0.action == "acknowledge" }
        #expect(audit.count == 1)
    }

    @Test func thirtyBookingsAtOnceOnOneRoomKeepExactlyTheCap() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let replies = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for minute in 0..<30 {
                    group.addTask {
                        let time = String(format: "21:%02d", minute)
                        let response = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"\#(time)"}"#)
                        let code = response.status == .created ? nil : try APITests.error(response)["code"] as? String
                        return (response.status, code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.filter { $0.0 == .created }.count == InputBounds.wakeUpsPerRoom)
            let refused = replies.filter { $0.0 != .created }
            #expect(refused.count == 30 - InputBounds.wakeUpsPerRoom)
            #expect(refused.allSatisfy { $0.0 == .badRequest && $0.1 == "roomFull" }, "\(refused)")
        }
        #expect(try fixture.store.snapshot().policies(for: "1202").count == InputBounds.wakeUpsPerRoom)
    }
}
