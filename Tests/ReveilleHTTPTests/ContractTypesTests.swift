import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleAPIContract
import ReveilleCore
import ReveilleStore
import Testing

/// Every JSON reply of the server is exactly a value of its ReveilleAPIContract type —
/// decoding it and encoding it again gives the same bytes — so the CLI, which decodes the same
/// types, reads everything the server writes, and the server writes nothing the contract lacks.
struct ContractTypesTests {
    /// `response`'s body as `T`, checking that `T` holds all of it.
    @discardableResult
    static func decoded<T: Codable>(
        _ type: T.Type, _ response: TestResponse, status: HTTPResponse.Status = .ok, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> T {
        #expect(response.status == status, sourceLocation: sourceLocation)
        let body = Data(buffer: response.body)
        let value = try API.decoder().decode(T.self, from: body)
        #expect(
            try API.encoder().encode(value) == body, "\(T.self) does not hold all of \(String(decoding: body, as: UTF8.self))",
            sourceLocation: sourceLocation)
        return value
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try API.encoder().encode(value), as: UTF8.self)
    }

    @Test func everyReplyIsExactlyItsContractTypeAndEveryRequestTypeIsAccepted() async throws {
        let fixture = try APITests.Fixture()
        try fixture.store.record(WakeUpAttempt(phone: "8201", ringAt: APITests.now - 600, outcome: .answered, endedAt: APITests.now - 590))
        try await fixture.test { client in
            let reception = APITests.reception
            let booking = try Self.decoded(
                API.WakeUpBooking.self,
                try await client.send(
                    "/api/rooms/1201/wakeups", .post, token: reception,
                    body: try Self.json(API.WakeUpRequest(time: "06:30", days: 2, frequency: 10, prompt: "morning.gsm"))),
                status: .created)
            #expect(booking.wakeUp.room == "1201" && booking.wakeUp.recurrence.days == 2 && booking.wakeUp.frequency == 10)
            let group = try Self.decoded(
                API.GroupBooking.self,
                try await client.send(
                    "/api/groups", .post, token: reception,
                    body: try Self.json(
                        API.GroupRequest(name: "Tour", rooms: ["1202-1203"], acceptLate: true, wakeUp: API.WakeUpRequest(time: "06:45")))),
                status: .created)
            #expect(group.assessment.rooms == ["1202", "1203"] && group.group.members.rooms == ["1202", "1203"])
            try Self.decoded(
                API.DNDWindow.self,
                try await client.send("/api/rooms/1201/dnd", .post, token: reception, body: try Self.json(API.DNDRequest(until: "23:00"))),
                status: .created)
            let rule = try Self.decoded(
                API.Rule.self,
                try await client.send(
                    "/api/rules", .post, token: APITests.housekeeping,
                    body: try Self.json(API.Rule(name: "quiet 12", floors: [12], action: .init(type: "quietHours", from: "22:00", to: "07:00")))),
                status: .created)
            #expect(rule.id != nil && rule.priority == 100 && rule.enabled == true)

            let status = try Self.decoded(API.Status.self, try await client.send("/api/status", .get, token: reception))
            #expect(status.link.state == "down" && status.hotel.timeZone == "Asia/Shanghai")
            try Self.decoded(API.Link.self, try await client.send("/api/link", .get, token: reception))
            let rooms = try Self.decoded([API.Room].self, try await client.send("/api/rooms", .get, token: reception))
            #expect(rooms.first { $0.number == "1201" }?.lastWakeUp?.outcome == "answered")
            let room = try Self.decoded(API.Room.self, try await client.send("/api/rooms/1201", .get, token: reception))
            #expect(room.guest?.name == "张伟" && !room.desired.wakeUps.isEmpty)
            try Self.decoded([API.WakeUp].self, try await client.send("/api/rooms/1201/wakeups", .get, token: reception))
            let rings = try Self.decoded([API.Attempt].self, try await client.send("/api/wakeups/outcomes", .get, token: reception))
            #expect(rings.map(\.phone) == ["8201"])
            try Self.decoded([API.Group].self, try await client.send("/api/groups", .get, token: reception))
            try Self.decoded([API.DNDWindow].self, try await client.send("/api/dnd", .get, token: reception))
            try Self.decoded([API.Rule].self, try await client.send("/api/rules", .get, token: reception))
            let stays = try Self.decoded([API.Stay].self, try await client.send("/api/stays", .get, token: reception))
            #expect(stays.count == 4)
            try Self.decoded([API.OutboxRow].self, try await client.send("/api/outbox", .get, token: reception))
            let audit = try Self.decoded([API.AuditEntry].self, try await client.send("/api/audit", .get, token: APITests.admin))
            #expect(audit.contains { $0.entity == "wakeUpPolicy" && $0.actor == "reception:desk" })
            try Self.decoded(API.Accepted.self, try await client.send("/api/resync", .post, token: APITests.admin), status: .accepted)
            try Self.decoded(API.Retried.self, try await client.send("/api/outbox/retry", .post, token: APITests.admin))
            let extensions = try Self.decoded(
                API.SimulatorExtensions.self, try await client.send("/api/simulator/extensions", .get, token: APITests.admin))
            #expect(extensions["8201"]?.name == "张伟")

            let refused = try Self.decoded(
                API.ErrorReply.self,
                try await client.send("/api/rooms/1201/wakeups", .post, token: reception, body: try Self.json(API.WakeUpRequest(time: "24:00"))),
                status: .badRequest)
            #expect(refused.error.field == "time")
            try Self.decoded(API.ErrorReply.self, try await client.send("/api/imports/approve", .post, token: APITests.admin), status: .notFound)
        }
    }

    @Test func aGroupRequestIsOneFlatObjectWithTheWakeUpsFields() throws {
        let request = API.GroupRequest(name: "Tour", floors: [12], wakeUp: API.WakeUpRequest(time: "06:30", days: 2))
        #expect(try Self.json(request) == #"{"days":2,"floors":[12],"name":"Tour","time":"06:30"}"#)
        #expect(try API.decoder().decode(API.GroupRequest.self, from: API.encoder().encode(request)) == request)
    }
}
