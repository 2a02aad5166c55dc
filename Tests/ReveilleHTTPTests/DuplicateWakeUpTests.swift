import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleCore
import ReveilleHTTP
import ReveilleStore
import Testing

/// A wake-up identical to one the room's stay already has (same time and recurrence) is refused
/// with `duplicateWakeUp`: a form sent twice books once.
struct DuplicateWakeUpTests {
    @Test func tenIdenticalBookingsAtOnceBookOneAndTheOthersNameIt() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            // status, code, field, params
            let replies = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?, String?, [String: String]).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let response = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"21:20"}"#)
                        guard response.status != .created else { return (response.status, nil, nil, [:]) }
                        let error = try APITests.error(response)
                        return (response.status, error["code"] as? String, error["field"] as? String, error["params"] as? [String: String] ?? [:])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.filter { $0.0 == .created }.count == 1)
            let refused = replies.filter { $0.0 != .created }
            #expect(refused.count == 9)
            #expect(refused.allSatisfy { $0.0 == .badRequest && $0.1 == "duplicateWakeUp" && $0.2 == "time" }, "\(refused)")
            #expect(refused.first?.3["room"] == "1202")
            #expect(refused.first?.3["time"] == "21:20")
        }
        let held = try fixture.store.snapshot().policies(for: "1202")
        #expect(held.count == 1)
        let audit = try fixture.store.audit(room: nil, since: nil, until: nil).filter { $0.entity == "wakeUpPolicy" && $0.action == "create" }
        #expect(audit.count == 1)
    }

    @Test func theSameTimeWithAnotherRecurrenceOrDateIsAnotherWakeUp() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let once = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"21:20"}"#)
            #expect(once.status == .created)
            let daily = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"21:20","days":2}"#)
            #expect(daily.status == .created)
            let other = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"21:21"}"#)
            #expect(other.status == .created)
            let again = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"21:20","days":2}"#)
            #expect(again.status == .badRequest)
            #expect(try APITests.error(again)["code"] as? String == "duplicateWakeUp")
        }
        #expect(try fixture.store.snapshot().policies(for: "1202").count == 3)
    }

    @Test func aCancelledWakeUpCanBeBookedAgain() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let first = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"21:20"}"#)
            #expect(first.status == .created)
            let id = try #require(try fixture.store.snapshot().policies(for: "1202").first?.id)
            let cancel = try await client.send("/api/wakeups/\(id)", .delete, token: APITests.reception)
            #expect(cancel.status == .noContent || cancel.status == .ok)
            let again = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: #"{"time":"21:20"}"#)
            #expect(again.status == .created)
        }
    }
}
