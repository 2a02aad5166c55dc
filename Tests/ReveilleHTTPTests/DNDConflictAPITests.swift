import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A wake-up inside a DND window is reported wherever the overlap can arise — booking
/// a wake-up or a group, setting DND, saving a housekeeping rule — with what happens to it
/// (`dndEndsAtWakeUp`, PROTOCOL.md §4.3 Decision).
struct DNDConflictAPITests {
    typealias Fixture = APITests.Fixture

    static func conflicts(_ reply: [String: Any]) -> [String] {
        ((reply["insideDND"] as? [[String: Any]]) ?? []).map { "\($0["room"] ?? "?") \($0["at"] ?? "?")" }
    }

    @Test func settingDNDOverAWakeUpNamesTheRingInsideIt() async throws {
        try await Fixture().test { client in
            let booked = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception,
                                               body: #"{"time":"06:30","date":"2026-11-25"}"#)
            #expect(booked.status == .created)
            let reply = try await client.send("/api/rooms/1201/dnd", .post, token: APITests.reception,
                                              body: #"{"from":"2026-11-25T00:30","until":"2026-11-25T08:00"}"#)
            #expect(reply.status == .created)
            let body = try APITests.object(reply)
            #expect(Self.conflicts(body) == ["1201 2026-11-25T06:30"])
            #expect(body["dndEndsAtWakeUp"] as? Bool == true)
            // A window that leaves the wake-up outside names nothing.
            let other = try await client.send("/api/rooms/1202/dnd", .post, token: APITests.reception, body: #"{"until":"2026-11-25T08:00"}"#)
            #expect(Self.conflicts(try APITests.object(other)).isEmpty)
            // The list of windows does not carry the reply-only fields.
            let list = try APITests.array(try await client.send("/api/dnd", .get, token: APITests.reception))
            #expect(list.count == 2 && list.allSatisfy { $0["insideDND"] == nil && $0["dndEndsAtWakeUp"] == nil })
        }
    }

    @Test func theReplyToSettingDNDSaysItEndsAtTheWakeUpInsideIt() async throws {
        try await Fixture().test { client in
            _ = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception, body: #"{"time":"06:45","date":"2026-11-25"}"#)
            let reply = try await client.send("/api/rooms/1201/dnd", .post, token: APITests.reception,
                                              body: #"{"from":"2026-11-25T00:30","until":"2026-11-25T10:00"}"#)
            let body = try APITests.object(reply)
            #expect(body["end"] as? String == "2026-11-25T10:00")
            #expect(body["effectiveEnd"] as? String == "2026-11-25T06:45")
            #expect(body["endingWakeUp"] as? String == "2026-11-25T06:45")
            // Without a wake-up inside, DND ends when asked.
            let other = try APITests.object(try await client.send("/api/rooms/1202/dnd", .post, token: APITests.reception,
                                                                  body: #"{"until":"2026-11-25T10:00"}"#))
            #expect(other["effectiveEnd"] as? String == "2026-11-25T10:00")
            #expect(other["endingWakeUp"] == nil)
        }
    }

    @Test func bookingAGroupNamesOnlyItsOwnRingsInsideAMembersDND() async throws {
        try await Fixture().test { client in
            _ = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception, body: #"{"time":"06:30","date":"2026-11-25"}"#)
            _ = try await client.send("/api/rooms/1201/dnd", .post, token: APITests.reception, body: #"{"until":"2026-11-25T08:00"}"#)
            let reply = try await client.send("/api/groups", .post, token: APITests.reception,
                                              body: #"{"name":"Tour","rooms":["1201-1203"],"time":"06:45","date":"2026-11-25"}"#)
            #expect(reply.status == .created)
            let body = try APITests.object(reply)
            #expect(Self.conflicts(body) == ["1201 2026-11-25T06:45"])
            #expect(body["dndEndsAtWakeUp"] as? Bool == true)
        }
    }

    @Test func savingAQuietHoursRuleNamesEveryRingItCovers() async throws {
        try await Fixture().test { client in
            _ = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception, body: #"{"time":"06:30","date":"2026-11-25"}"#)
            _ = try await client.send("/api/rooms/1301/wakeups", .post, token: APITests.reception, body: #"{"time":"06:30","date":"2026-11-25"}"#)
            let reply = try await client.send("/api/rules", .post, token: APITests.housekeeping,
                                              body: #"{"name":"quiet 12","floors":[12],"action":{"type":"quietHours","from":"22:00","to":"07:00"}}"#)
            #expect(reply.status == .created)
            let body = try APITests.object(reply)
            #expect(Self.conflicts(body) == ["1201 2026-11-25T06:30"])  // 1301 is on floor 13
            #expect(body["dndEndsAtWakeUp"] as? Bool == true)
            let rules = try APITests.array(try await client.send("/api/rules", .get, token: APITests.housekeeping))
            #expect(rules.count == 1 && rules[0]["insideDND"] == nil)
        }
    }
}
