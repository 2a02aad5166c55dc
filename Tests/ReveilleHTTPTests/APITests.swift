import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PBXProtocol
import ReveilleCore
import ReveilleHTTP
import ReveilleIngest
import ReveilleServices
import ReveilleStore
import Synchronization
import Testing

/// Every endpoint of docs/API.md through HummingbirdTesting: success, authentication, roles,
/// validation (400 naming the field and rule), not found, body size.
struct APITests {
    /// 2026-11-24 20:00 in Shanghai.
    static let now = Date(timeIntervalSince1970: 1_795_521_600)
    static let reception = "reception-token-0123456789"
    static let housekeeping = "housekeeping-token-0123456789"
    static let admin = "admin-token-0123456789"

    final class Recorder: Sendable {
        let resyncs = Mutex(0)
        let changes = Mutex<[Set<String>?]>([])
    }

    struct Fixture {
        let store: Store
        let api: ReveilleAPI
        let importer: OccupancyImporter
        let recorder = Recorder()

        /// `configure` changes the hotel's settings (e.g. `wakeup.prompts`) before the API starts.
        init(busyTimeout: TimeInterval = 5, configure: (inout HotelSettings) -> Void = { _ in }) throws {
            store = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("api-\(UUID()).sqlite").path,
                              busyTimeout: busyTimeout)
            let rooms = (1...4).map { Room(number: "120\($0)", phone: "820\($0)", floor: 12, tags: $0 == 1 ? ["quiet"] : []) }
                + [Room(number: "1301", phone: "8301", floor: 13)]
            try store.save(rooms: rooms, actor: "test", at: APITests.now)
            for (index, room) in ["1201", "1202", "1203", "1301"].enumerated() {
                try store.save(Stay(id: Int64(index + 1), room: room, guestName: index == 0 ? "张伟" : "Guest \(index)",
                                    arrival: APITests.now - 3600, departure: APITests.now + 2 * 86_400, groupCode: "TOUR"),
                               actor: "test", at: APITests.now)
            }
            var settings = HotelSettings(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            configure(&settings)
            let recorder = self.recorder
            let desk = FrontDesk(store: store, settings: settings, pacing: PushPacing(),
                                 changed: { rooms in recorder.changes.withLock { $0.append(rooms) } }, now: { APITests.now })
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let importer = OccupancyImporter(store: store, timeZone: settings.timeZone, changed: { _ in }, now: { APITests.now }, logger: logger)
            self.importer = importer
            api = ReveilleAPI(
                store: store, desk: desk, importer: importer, settings: settings,
                tokens: [APIToken(name: "desk", role: .reception, secret: APITests.reception),
                         APIToken(name: "hk", role: .housekeeping, secret: APITests.housekeeping),
                         APIToken(name: "it", role: .admin, secret: APITests.admin)],
                linkState: { .down(.loginRejected("User Login failed, Password Wrong !")) },
                resync: { recorder.resyncs.withLock { $0 += 1 } },
                simulatorExtensions: { ["8201": AcknowledgedExtension(alarmClock: "06:30**5*1*fpm-world-mix.gsm*3&", name: "张伟")] },
                metrics: { "# TYPE reveille_pbx_link_up gauge\nreveille_pbx_link_up 0.0\n" },
                now: { APITests.now })
        }

        func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            let app = Application(router: api.router())
            try await app.test(.router, body)
        }
    }

    static func headersFor(_ token: String?) -> HTTPFields {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = "application/json"
        return headers
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func array(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
    }

    static func error(_ response: TestResponse) throws -> [String: Any] {
        try #require(try object(response)["error"] as? [String: Any])
    }

    // MARK: - Authentication and roles

    @Test func apiWithoutTokenIs401JSON() async throws {
        try await Fixture().test { client in
            do { let response = try await client.send("/api/rooms", .get)
                #expect(response.status == .unauthorized)
                #expect(try Self.error(response)["rule"] as? String == "missing or unknown bearer token")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            do { let response = try await client.send("/api/rooms", .get, token: "wrong")
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func roleWithoutTheRightIs403JSON() async throws {
        try await Fixture().test { client in
            do { let response = try await client.send("/api/rooms/1201/wakeups", .post, token: Self.housekeeping, body: #"{"time":"06:30"}"#)
                #expect(response.status == .forbidden)
                #expect(try Self.error(response)["rule"] as? String == "role housekeeping may not book wake-ups")
            }
            do { let response = try await client.send("/api/audit", .get, token: Self.reception)
                #expect(response.status == .forbidden)
            }
            do { let response = try await client.send("/api/rules", .post, token: Self.reception, body: #"{"name":"x","action":{"type":"whileVacant"}}"#)
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func pageAndMetricsNeedNoToken() async throws {
        try await Fixture().test { client in
            do { let response = try await client.send("/metrics", .get)
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("reveille_pbx_link_up"))
            }
            do { let response = try await client.send("/", .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
    }

    // MARK: - Reading

    /// A wake-up due within 60 min that the PBX has not acknowledged is counted.
    @Test func statusCountsWakeUpsDueWithinTheHourThatThePBXHasNotConfirmed() async throws {
        let fixture = try Fixture()
        try fixture.store.save(WakeUpPolicy(id: 1, room: "1201", time: TimeOfDay("20:30")!, recurrence: .once(LocalDate("2026-11-24")!)),
                               actor: "test", at: Self.now)
        try fixture.store.save(WakeUpPolicy(id: 2, room: "1202", time: TimeOfDay("22:30")!, recurrence: .once(LocalDate("2026-11-24")!)),
                               actor: "test", at: Self.now)
        try await fixture.test { client in
            let response = try await client.send("/api/status", .get, token: Self.reception)
            #expect(try Self.object(response)["unconfirmedSoon"] as? Int == 1)  // 22:30 is more than an hour away
        }
    }

    @Test func statusShowsTheLinkDownWithItsReason() async throws {
        try await Fixture().test { client in
            do { let response = try await client.send("/api/status", .get, token: Self.reception)
                #expect(response.status == .ok)
                let link = try #require(try Self.object(response)["link"] as? [String: Any])
                #expect(link["up"] as? Bool == false)
                #expect((link["detail"] as? String)?.contains("login rejected: User Login failed, Password Wrong !") == true)
                #expect(try Self.object(response)["simulator"] as? Bool == true)
            }
            do { let response = try await client.send("/api/link", .get, token: Self.reception)
                #expect(try Self.object(response)["state"] as? String == "down")
            }
        }
    }

    @Test func roomsShowGuestDesiredAndAcknowledgedState() async throws {
        try await Fixture().test { client in
            do { let response = try await client.send("/api/rooms", .get, token: Self.reception)
                let rooms = try Self.array(response)
                #expect(rooms.map { $0["number"] as? String } == ["1201", "1202", "1203", "1204", "1301"])
                let guest = try #require(rooms[0]["guest"] as? [String: Any])
                #expect(guest["name"] as? String == "张伟")
                #expect(rooms[3]["guest"] == nil)  // vacant: no guest
                #expect(rooms[0]["inSync"] as? Bool == false)
                let desired = try #require(rooms[3]["desired"] as? [String: Any])
                #expect(desired["name"] as? String == "1204")
            }
            do { let response = try await client.send("/api/rooms/9999", .get, token: Self.reception)
                #expect(response.status == .notFound)
                #expect(try Self.error(response)["rule"] as? String == "no room 9999")
            }
            do { let response = try await client.send("/api/stays", .get, token: Self.reception)
                #expect(try Self.array(response).count == 4)
            }
        }
    }

    // MARK: - Room wake-ups

    @Test func wakeUpIsBookedListedAndCancelled() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var id = 0
            do { let response = try await client.send("/api/rooms/1201/wakeups", .post, token: Self.reception, body: #"{"time":"06:30","days":2,"attempts":2}"#)
                #expect(response.status == .created)
                let body = try Self.object(response)
                #expect(body["firstWakeUp"] as? String == "2026-11-25T06:30")
                let wakeUp = try #require(body["wakeUp"] as? [String: Any])
                #expect((wakeUp["recurrence"] as? [String: Any])?["type"] as? String == "daily")
                id = try #require(wakeUp["id"] as? Int)
            }
            do { let response = try await client.send("/api/rooms/1201/wakeups", .get, token: Self.reception)
                #expect(try Self.array(response).count == 1)
            }
            do { let response = try await client.send("/api/rooms/1201", .get, token: Self.reception)
                let desired = try #require(try Self.object(response)["desired"] as? [String: Any])
                #expect(desired["alarmClock"] as? String == "06:30**5*1*fpm-world-mix.gsm*2&")
            }
            do { let response = try await client.send("/api/wakeups/\(id)", .delete, token: Self.reception)
                #expect(response.status == .noContent)
            }
            do { let response = try await client.send("/api/wakeups/\(id)", .delete, token: Self.reception)
                #expect(response.status == .notFound)
            }
        }
        #expect(try fixture.store.audit().contains { $0.actor == "reception:desk" && $0.action == "delete" })
    }

    @Test(arguments: [
        (#"{"time":"24:00"}"#, "time", "\"24:00\" is not a real time HH:mm"),
        (#"{"time":"730"}"#, "time", "\"730\" is not a real time HH:mm"),
        (#"{"time":"7:5"}"#, "time", "\"7:5\" is not a real time HH:mm"),
        (#"{"time":"７:30"}"#, "time", "\"７:30\" is not a real time HH:mm"),
        (#"{"time":"06:30","frequency":4}"#, "frequency", "must be 5 to 120 minutes"),
        (#"{"time":"06:30","attempts":11}"#, "attempts", "must be 1 to 10"),
        (#"{"time":"06:30","prompt":"../x.gsm"}"#, "prompt", #""../x.gsm" must be a plain file name without '/' (letters A–Z, digits, '.', '_' and '-' only) (§4.4)"#),
        (#"{"time":"06:30","weekdays":[8]}"#, "weekdays", "8 is not 1 (Monday) to 7 (Sunday)"),
        (#"{"date":"2026-11-25"}"#, "time", "is required"),
        (#"{"time":6}"#, "time", "must be a string"),
        ("not json", "body", "is not a JSON object"),
    ])
    func badWakeUpIs400NamingFieldAndRule(body: String, field: String, rule: String) async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            do { let response = try await client.send("/api/rooms/1201/wakeups", .post, token: Self.reception, body: body)
                #expect(response.status == .badRequest)
                let error = try Self.error(response)
                #expect(error["field"] as? String == field)
                #expect(error["rule"] as? String == rule)
            }
        }
        #expect(try fixture.store.snapshot().policies.isEmpty)
    }

    /// People type `7:30` or `0730`; the API takes them as the page does, and the PBX
    /// still gets `HH:mm` (§4.4).
    @Test(arguments: ["7:30", "07:30", "0730"])
    func aWakeUpTimeTypedAsPeopleTypeItIsBookedAsHHmm(typed: String) async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let response = try await client.send(
                "/api/rooms/1201/wakeups", .post, token: Self.reception, body: #"{"time":"\#(typed)","date":"2026-11-25"}"#)
            #expect(response.status == .created)
            let rooms = try await client.send("/api/rooms/1201", .get, token: Self.reception)
            let desired = try #require(try Self.object(rooms)["desired"] as? [String: Any])
            #expect((desired["alarmClock"] as? String)?.hasPrefix("07:30*") == true)
        }
    }

    @Test func wakeUpForAVacantRoomIsRefused() async throws {
        try await Fixture().test { client in
            do { let response = try await client.send("/api/rooms/1204/wakeups", .post, token: Self.reception, body: #"{"time":"06:30"}"#)
                #expect(response.status == .badRequest)
                #expect(try Self.error(response)["field"] as? String == "room")
            }
        }
    }

    @Test func oversizeBodyIs413() async throws {
        try await Fixture().test { client in
            let huge = #"{"time":"06:30","prompt":""# + String(repeating: "a", count: 70_000) + #""}"#
            do { let response = try await client.send("/api/rooms/1201/wakeups", .post, token: Self.reception, body: huge)
                #expect(response.status == .contentTooLarge)
                #expect((try Self.error(response)["rule"] as? String)?.contains("65536") == true)
            }
        }
    }

    // MARK: - Groups

    @Test func groupIsBookedWithRangesAndFloorsListedWithProgressAndCancelled() async throws {
        try await Fixture().test { client in
            var id = 0
            do { let response = try await client.send("/api/groups", .post, token: Self.reception, body: #"{"name":"Tour A","rooms":["1201-1203"],"floors":[13],"time":"06:30"}"#)
                #expect(response.status == .created)
                let body = try Self.object(response)
                let assessment = try #require(body["assessment"] as? [String: Any])
                #expect(assessment["rooms"] as? [String] == ["1201", "1202", "1203", "1301"])
                #expect(assessment["expectedFinish"] as? String == "2026-11-24T20:00")  // 3 × 1.5 s
                id = try #require((body["group"] as? [String: Any])?["id"] as? Int)
            }
            do { let response = try await client.send("/api/groups", .get, token: Self.reception)
                let groups = try Self.array(response)
                #expect(groups.count == 1)
                let progress = try #require(groups[0]["progress"] as? [String: Any])
                #expect(progress["total"] as? Int == 0 && progress["pushed"] as? Int == 0)
            }
            do { let response = try await client.send("/api/groups/\(id)", .delete, token: Self.reception)
                #expect(response.status == .noContent)
            }
        }
    }

    @Test func badGroupBookingIs400NamingTheField() async throws {
        try await Fixture().test { client in
            // Now is 20:00: a once-only 20:00 today never rings for anyone.
            do { let response = try await client.send("/api/groups", .post, token: Self.reception, body: #"{"name":"Late","group":"TOUR","time":"20:00","date":"2026-11-24"}"#)
                #expect(response.status == .badRequest)
                #expect(try Self.error(response)["field"] as? String == "members")
            }
            do { let response = try await client.send("/api/groups", .post, token: Self.reception, body: #"{"name":"X","rooms":["9990-9999"],"time":"06:30"}"#)
                #expect(response.status == .badRequest)
                #expect(try Self.error(response)["rule"] as? String == "no room of this hotel in 9990-9999")
            }
            do { let response = try await client.send("/api/groups", .post, token: Self.reception, body: #"{"name":"X","time":"06:30"}"#)
                #expect(try Self.error(response)["field"] as? String == "rooms")
            }
        }
    }

    // MARK: - DND and rules

    @Test func dndWindowIsSetListedAndCancelledByReceptionOrHousekeeping() async throws {
        try await Fixture().test { client in
            var id = 0
            do { let response = try await client.send("/api/rooms/1201/dnd", .post, token: Self.housekeeping, body: #"{"until":"10:00"}"#)
                #expect(response.status == .created)
                let window = try Self.object(response)
                #expect(window["end"] as? String == "2026-11-25T10:00")
                id = try #require(window["id"] as? Int)
            }
            do { let response = try await client.send("/api/dnd", .get, token: Self.reception)
                #expect(try Self.array(response).count == 1)
            }
            do { let response = try await client.send("/api/rooms/1201/dnd", .post, token: Self.reception, body: #"{"until":"yesterday"}"#)
                #expect(response.status == .badRequest)
                #expect(try Self.error(response)["field"] as? String == "until")
            }
            do { let response = try await client.send("/api/dnd/\(id)", .delete, token: Self.reception)
                #expect(response.status == .noContent)
            }
        }
    }

    @Test func rulesAreCreatedChangedListedAndDeletedByHousekeeping() async throws {
        try await Fixture().test { client in
            var id = 0
            do { let response = try await client.send("/api/rules", .post, token: Self.housekeeping, body: #"{"name":"quiet","floors":[12],"action":{"type":"quietHours","from":"22:00","to":"07:00"}}"#)
                #expect(response.status == .created)
                id = try #require(try Self.object(response)["id"] as? Int)
            }
            do { let response = try await client.send("/api/rules/\(id)", .put, token: Self.housekeeping, body: #"{"name":"quiet","floors":[12],"action":{"type":"afterCheckIn","hours":3},"enabled":false}"#)
                #expect(response.status == .ok)
                #expect((try Self.object(response)["action"] as? [String: Any])?["hours"] as? Int == 3)
            }
            do { let response = try await client.send("/api/rules", .get, token: Self.reception)
                #expect(try Self.array(response).first?["enabled"] as? Bool == false)
            }
            do { let response = try await client.send("/api/rules", .post, token: Self.housekeeping, body: #"{"name":"bad","action":{"type":"quietHours","from":"25:00","to":"07:00"}}"#)
                #expect(try Self.error(response)["field"] as? String == "action.from")
            }
            do { let response = try await client.send("/api/rules/\(id)", .delete, token: Self.housekeeping)
                #expect(response.status == .noContent)
            }
        }
    }

    // MARK: - Admin

    @Test func adminCanReadTheAuditResyncRetryAndSeeTheSimulator() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            do { let response = try await client.send("/api/audit?limit=2", .get, token: Self.admin)
                #expect(try Self.array(response).count == 2)
            }
            do { let response = try await client.send("/api/resync", .post, token: Self.admin)
                #expect(response.status == .accepted)
            }
            do { let response = try await client.send("/api/outbox/retry", .post, token: Self.admin)
                #expect(try Self.object(response)["retried"] as? Int == 0)
            }
            do { let response = try await client.send("/api/imports/approve", .post, token: Self.admin)
                #expect(response.status == .notFound)
            }
            do { let response = try await client.send("/api/outbox?state=failed", .get, token: Self.reception)
                #expect(try Self.array(response).isEmpty)
            }
            do { let response = try await client.send("/api/simulator/extensions", .get, token: Self.admin)
                let extensions = try Self.object(response)
                #expect((extensions["8201"] as? [String: Any])?["name"] as? String == "张伟")
            }
            do { let response = try await client.send("/api/resync", .post, token: Self.reception)
                #expect(response.status == .forbidden)
            }
        }
        #expect(fixture.recorder.resyncs.withLock { $0 } == 1)
    }
}

extension TestClientProtocol {
    /// A request with an optional bearer token and JSON body.
    func send(_ uri: String, _ method: HTTPRequest.Method, token: String? = nil, body: String? = nil) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: method, headers: APITests.headersFor(token), body: body.map { ByteBuffer(string: $0) })
    }
}
