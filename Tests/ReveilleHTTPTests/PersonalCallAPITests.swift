import Foundation
import HummingbirdTesting
import ReveilleCore
import ReveilleStore
import Testing

/// Through the API: personal calls are booked on a wake-up or marked on a whole stay, the
/// room reply shows them with the guest's language and prompt, and housekeeping may not mark them.
struct PersonalCallAPITests {
    @Test func aPersonalWakeUpIsBookedAndShownWithItsPrompt() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let booked = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception,
                                               body: #"{"time":"06:30","date":"2026-11-25","receptionOnly":true}"#)
            #expect(booked.status == .created)
            let wakeUp = try #require(try APITests.object(booked)["wakeUp"] as? [String: Any])
            #expect(wakeUp["receptionOnly"] as? Bool == true)

            let room = try APITests.object(try await client.send("/api/rooms/1201", .get, token: APITests.reception))
            let desired = try #require(room["desired"] as? [String: Any])
            #expect(desired["alarmClock"] as? String == "")  // reception only: not on the PBX
            let rings = try #require(desired["wakeUps"] as? [[String: Any]])
            #expect(rings.count == 1)
            #expect(rings.first?["receptionOnly"] as? Bool == true && rings.first?["personal"] as? Bool == true)
            #expect(rings.first?["prompt"] as? String == "fpm-world-mix.gsm")
            let guest = try #require(room["guest"] as? [String: Any])
            #expect(guest["prompt"] as? String == "fpm-world-mix.gsm" && guest["language"] == nil)
            #expect(guest["personalCall"] as? Bool == false)
        }
    }

    @Test func aWholeStayIsMarkedAsAPersonalCallAndAudited() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let refused = try await client.send("/api/stays/1/personal-call", .put, token: APITests.housekeeping, body: #"{"personalCall":true}"#)
            #expect(refused.status == .forbidden)
            let marked = try await client.send("/api/stays/1/personal-call", .put, token: APITests.reception, body: #"{"personalCall":true}"#)
            #expect(marked.status == .ok)
            #expect(try APITests.object(marked)["personalCall"] as? Bool == true)
            #expect(try fixture.store.snapshot().stays[1]?.personalCall == true)
            #expect(try fixture.store.audit().contains { $0.entity == "stay" && $0.entityID == "1" && $0.actor == "reception:desk" })
            #expect(fixture.recorder.changes.withLock { $0.last } == ["1201"])

            let stays = try APITests.array(try await client.send("/api/stays", .get, token: APITests.reception))
            #expect(stays.first { $0["id"] as? Int == 1 }?["personalCall"] as? Bool == true)
            let missing = try await client.send("/api/stays/99/personal-call", .put, token: APITests.reception, body: #"{"personalCall":true}"#)
            #expect(missing.status == .notFound)
            let bad = try await client.send("/api/stays/1/personal-call", .put, token: APITests.reception, body: #"{"personalCall":"yes"}"#)
            #expect(bad.status == .badRequest)
            #expect(try APITests.error(bad)["field"] as? String == "personalCall")
            #expect(try fixture.store.snapshot().stays[1]?.personalCall == true)  // unchanged by the bad request
        }
    }
}
