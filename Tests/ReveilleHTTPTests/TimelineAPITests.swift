import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleAPIContract
import ReveilleCore
import ReveilleStore
import Testing

/// `GET /api/rooms/{room}/timeline`: every role reads it, as its contract type; bad rooms and dates
/// are refused naming the field.
struct TimelineAPITests {
    @Test func everyRoleReadsARoomsTimelineAsItsContractType() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let booked = try await client.execute(
                uri: "/api/rooms/1201/wakeups", method: .post, headers: APITests.headersFor(APITests.reception),
                body: APITests.body(#"{"time":"06:30"}"#))
            #expect(booked.status == .created)
            for token in [APITests.reception, APITests.housekeeping, APITests.admin] {
                let response = try await client.execute(
                    uri: "/api/rooms/1201/timeline?date=2026-11-25", method: .get, headers: APITests.headersFor(token))
                #expect(response.status == .ok)
                let timeline = try API.decoder().decode(API.RoomTimeline.self, from: Data(buffer: response.body))
                #expect(timeline.room == "1201" && timeline.date == "2026-11-25")
                #expect(timeline.events.contains { $0.kind == "booking" && $0.actor == "reception:desk" && $0.text == "wake-up booked for 06:30 by reception:desk" })
            }
        }
    }

    @Test func anUnknownRoomIs404AndABadOrFarDateIs400NamingTheField() async throws {
        try await APITests.Fixture().test { client in
            let headers = APITests.headersFor(APITests.reception)
            #expect(try await client.execute(uri: "/api/rooms/9999/timeline", method: .get, headers: headers).status == .notFound)
            for date in ["2026-02-30", "tomorrow", "9999-01-01", "0001-01-01", String(repeating: "9", count: 5000)] {
                let response = try await client.execute(uri: "/api/rooms/1201/timeline?date=\(date)", method: .get, headers: headers)
                #expect(response.status == .badRequest, "\(date.prefix(20))")
                #expect(try APITests.error(response)["field"] as? String == "date")
            }
            #expect(try await client.execute(uri: "/api/rooms/1201/timeline", method: .post, headers: headers).status == .methodNotAllowed)
        }
    }
}
