import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleCore
import ReveilleStore
import Testing

/// What reception or housekeeping can send never crashes the service, never stores an
/// out-of-range value and always gets a 400 naming the field and the rule.
struct HostileInputTests {
    typealias Fixture = APITests.Fixture
    static let reception = APITests.reception
    static let housekeeping = APITests.housekeeping

    /// Nothing of any kind was stored by the request.
    static func nothingStored(_ store: Store) throws {
        let snapshot = try store.snapshot()
        #expect(snapshot.policies.isEmpty && snapshot.groups.isEmpty && snapshot.dndWindows.isEmpty && snapshot.rules.isEmpty)
    }

    /// Sends `body` to `path` and expects a 400 naming `field` (and `rule`, when given) that stores nothing.
    static func expectRefused(
        _ path: String, token: String = reception, body: String, field: String, rule: String? = nil
    ) async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let response = try await client.send(path, .post, token: token, body: body)
            #expect(response.status == .badRequest)
            let error = try APITests.error(response)
            #expect(error["field"] as? String == field)
            if let rule { #expect(error["rule"] as? String == rule) }
            // The service still answers.
            #expect(try await client.send("/api/status", .get, token: token).status == .ok)
        }
        try nothingStored(fixture.store)
    }

    @Test(arguments: [
        // Each of these was answered 201 (or killed the process) before these rules.
        (#"{"time":"07:00","frequency":100000000000000000}"#, "frequency", "must be 5 to 120 minutes"),
        (#"{"time":"07:00","frequency":121}"#, "frequency", "must be 5 to 120 minutes"),
        (#"{"time":"07:00","attempts":0}"#, "attempts", "must be 1 to 10"),
        (#"{"time":"07:00","days":0}"#, "days", "must be 1 to 366"),
        (#"{"time":"07:00","days":9223372036854775807}"#, "days", "must be 1 to 366"),
        (#"{"time":"07:00","date":"0001-01-01"}"#, "date", "0001-01-01 is outside the accepted span: 2026-11-23 to 2027-12-29"),
        (#"{"time":"07:00","date":"9999-12-31"}"#, "date", "9999-12-31 is outside the accepted span: 2026-11-23 to 2027-12-29"),
        (#"{"time":"07:00","days":3,"weekdays":[1]}"#, "days", "cannot be combined with weekdays (choose one)"),
        (#"{"time":"07:00","until":"2026-12-01"}"#, "until", "is only for weekdays; use days for a daily wake-up"),
        (#"{"time":"07:00","weekdays":[1],"date":"2026-11-30","until":"2026-11-26"}"#, "until", "must not be before the first day 2026-11-30"),
        (#"{"time":"07:00","weekdays":[1],"date":"2026-11-25","until":"2026-11-27"}"#, "until", "no chosen weekday falls between 2026-11-25 and 2026-11-27"),
        (#"{"time":"07:00","prompt":"a+b.gsm"}"#, "prompt", "\"a+b.gsm\" must be a plain file name without '+' (letters A–Z, digits, '.', '_' and '-' only) (§4.4)"),
        (#"{"time":"07:00","prompt":"张.gsm"}"#, "prompt", "\"张.gsm\" must be a plain file name without '张' (letters A–Z, digits, '.', '_' and '-' only) (§4.4)"),
    ])
    func outOfRangeWakeUpIs400AndStoresNothing(body: String, field: String, rule: String) async throws {
        try await Self.expectRefused("/api/rooms/1201/wakeups", body: body, field: field, rule: rule)
    }

    @Test func thirtyThousandCharacterPromptIsRefusedBeforeItCanReachTheWire() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let body = #"{"time":"07:00","prompt":""# + String(repeating: "a", count: 30_000) + #".gsm"}"#
            let response = try await client.send("/api/rooms/1201/wakeups", .post, token: Self.reception, body: body)
            #expect(response.status == .badRequest)
            #expect(try APITests.error(response)["rule"] as? String == "must be at most 64 characters before .gsm (§4.4)")
        }
        try Self.nothingStored(fixture.store)
    }

    @Test(arguments: [
        (#"{"name":"Tour","rooms":["1201"],"time":"07:00","frequency":9223372036854775807}"#, "frequency", "must be 5 to 120 minutes"),
        (#"{"name":"\#(String(repeating: "团", count: 65))","rooms":["1201"],"time":"07:00"}"#, "name", "must be at most 64 characters (has 65)"),
        (#"{"name":"  ","rooms":["1201"],"time":"07:00"}"#, "name", "must not be empty"),
        (#"{"name":"Tour","group":"\#(String(repeating: "G", count: 33))","time":"07:00"}"#, "group", "must be at most 32 characters (has 33)"),
        (#"{"name":"Tour","rooms":["1201"],"time":"07:00","date":"9999-12-31"}"#, "date", "9999-12-31 is outside the accepted span: 2026-11-23 to 2027-12-29"),
    ])
    func outOfRangeGroupIs400AndStoresNothing(body: String, field: String, rule: String) async throws {
        try await Self.expectRefused("/api/groups", body: body, field: field, rule: rule)
    }

    @Test(arguments: [
        // The first killed the process (force-unwrap in PBXDateTime); the second was stored as year 0002.
        (#"{"from":"9999-12-31T23:30","until":"00:10"}"#, "from"),
        (#"{"from":"0001-01-01T00:00","until":"2026-11-25T08:00"}"#, "from"),
        (#"{"until":"9999-12-31T23:59"}"#, "until"),
        (#"{"until":"2028-01-01T00:00"}"#, "until"),
    ])
    func dndFarInThePastOrFutureIs400AndStoresNothing(body: String, field: String) async throws {
        try await Self.expectRefused(
            "/api/rooms/1201/dnd", body: body, field: field, rule: "must lie between 1 day(s) ago and 400 days from now")
    }

    @Test(arguments: [
        (#"{"name":"Night","action":{"type":"quietHours","from":"07:00","to":"07:00"}}"#, "action.to"),
        (#"{"name":"New guests","action":{"type":"afterCheckIn","hours":0}}"#, "action.hours"),
        (#"{"name":"New guests","action":{"type":"afterCheckIn","hours":9223372036854775807}}"#, "action.hours"),
        (#"{"name":"Night","priority":-1,"action":{"type":"whileVacant"}}"#, "priority"),
        (#"{"name":"Night","floors":[100000],"action":{"type":"whileVacant"}}"#, "floors"),
        (#"{"name":"","action":{"type":"whileVacant"}}"#, "name"),
    ])
    func ruleThatIsNoRealWindowIs400AndStoresNothing(body: String, field: String) async throws {
        try await Self.expectRefused("/api/rules", token: Self.housekeeping, body: body, field: field)
    }

    @Test func aRoomTakesAtMostTwelveWakeUpsSoItsAlarmClockStaysFarBelowTheFrameLimit() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for minute in 0..<InputBounds.wakeUpsPerRoom {
                let body = #"{"time":"07:\#(String(format: "%02d", minute))"}"#
                #expect(try await client.send("/api/rooms/1201/wakeups", .post, token: Self.reception, body: body).status == .created)
            }
            let response = try await client.send("/api/rooms/1201/wakeups", .post, token: Self.reception, body: #"{"time":"08:00"}"#)
            #expect(response.status == .badRequest)
            #expect(try APITests.error(response)["rule"] as? String
                == "room 1201 would have 13 wake-ups; at most 12 per room (cancel one first)")
        }
        #expect(try fixture.store.snapshot().policies.count == 12)
    }

    @Test func aDeletedIdIsNeverGivenAgainSoAStaleDeleteCancelsNothing() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            func book(_ room: String) async throws -> Int {
                let response = try await client.send("/api/rooms/\(room)/wakeups", .post, token: Self.reception, body: #"{"time":"07:00"}"#)
                return try #require((try APITests.object(response)["wakeUp"] as? [String: Any])?["id"] as? Int)
            }
            let first = try await book("1201")
            #expect(try await client.send("/api/wakeups/\(first)", .delete, token: Self.reception).status == .noContent)
            let second = try await book("1202")
            #expect(second != first)
            // Reception's second click on the old booking's cancel button:
            #expect(try await client.send("/api/wakeups/\(first)", .delete, token: Self.reception).status == .notFound)
        }
        #expect(try fixture.store.snapshot().policies.values.map(\.room) == ["1202"])
    }

    @Test func fiftyConcurrentBookingsToFiftyRoomsGetFiftyDistinctIds() async throws {
        let fixture = try Fixture()
        let rooms = (1...50).map { Room(number: String(1400 + $0), phone: String(8400 + $0), floor: 14) }
        try fixture.store.save(rooms: rooms, actor: "test", at: APITests.now)
        for room in rooms {
            try fixture.store.create(actor: "test", at: APITests.now) { id in
                Stay(id: id, room: room.number, guestName: "Guest", arrival: APITests.now - 3600, departure: APITests.now + 86_400)
            }
        }
        try await fixture.test { client in
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for room in rooms {
                    group.addTask {
                        let response = try await client.send(
                            "/api/rooms/\(room.number)/wakeups", .post, token: Self.reception, body: #"{"time":"07:00"}"#)
                        #expect(response.status == .created)
                        return try #require((try APITests.object(response)["wakeUp"] as? [String: Any])?["id"] as? Int)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(Set(ids).count == 50)
        }
        let policies = try fixture.store.snapshot().policies.values
        #expect(policies.count == 50)
        #expect(Set(policies.map(\.room)) == Set(rooms.map(\.number)))
    }
}

/// The API answers as docs/openapi.yaml says, also for what it does not offer.
struct APIContractEdgeTests {
    @Test(arguments: [
        // Read from the router's routes, sorted; HEAD wherever GET answers.
        ("/api/status", HTTPRequest.Method.delete, "GET, HEAD"), ("/api/rules/3", .post, "DELETE, PUT"), ("/metrics", .put, "GET, HEAD"),
        ("/api/rooms/1201/wakeups", .patch, "GET, HEAD, POST"),
    ])
    func aKnownPathWithAnotherMethodIs405NamingTheAllowedOnes(path: String, method: HTTPRequest.Method, allow: String) async throws {
        try await APITests.Fixture().test { client in
            let response = try await client.send(path, method, token: APITests.admin)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
        }
    }

    @Test(arguments: ["0", "1001", "abc", "-5"])
    func aLimitOutsideOneToAThousandIs400(limit: String) async throws {
        try await APITests.Fixture().test { client in
            for path in ["/api/audit", "/api/wakeups/outcomes"] {
                let response = try await client.send("\(path)?limit=\(limit)", .get, token: APITests.admin)
                #expect(response.status == .badRequest)
                #expect(try APITests.error(response)["field"] as? String == "limit")
            }
        }
    }
}
