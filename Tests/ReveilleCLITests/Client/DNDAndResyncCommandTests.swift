import ArgumentParser
import Foundation
import ReveilleAPIContract
import Testing

@testable import ReveilleCLI

/// `reveille dnd set|list|cancel` and `reveille resync`.
@Suite struct DNDAndResyncCommandTests {
    @Test func dndSetPostsUntilToTheRoom() throws {
        let request = try ClientFixture.parse(DNDCommand.self, ["set", "1208", "--until", "10:00"], as: DNDCommand.Set.self).request()
        #expect(request.method == .post)
        #expect(request.path == "/api/rooms/1208/dnd")
        #expect(request.bodyText == #"{"until":"10:00"}"#)
    }

    @Test func dndSetSendsFromWhenGiven() throws {
        let request = try ClientFixture.parse(
            DNDCommand.self, ["set", "1208", "--from", "2026-11-24T22:00", "--until", "2026-11-25T07:00"], as: DNDCommand.Set.self
        ).request()
        #expect(request.bodyText == #"{"from":"2026-11-24T22:00","until":"2026-11-25T07:00"}"#)
    }

    @Test func dndSetWithoutUntilIsAParseError() {
        #expect(throws: (any Error).self) { try DNDCommand.parseAsRoot(["set", "1208"]) }
    }

    @Test func dndSetPrintsTheWindow() async throws {
        let command = try ClientFixture.parse(DNDCommand.self, ["set", "1208", "--until", "10:00"], as: DNDCommand.Set.self)
        let transport = FakeTransport(
            status: 201, json: API.DNDWindow(id: 4, room: "1208", stayID: 3, start: "2026-11-24T20:00", end: "2026-11-25T10:00"))
        #expect(try await ClientFixture.execute(command, transport) == "Do-Not-Disturb 4 set for room 1208: 2026-11-24 20:00 → 2026-11-25 10:00.\n")
    }

    @Test func dndSetCutShortByAWakeUpPrintsItsRealEnd() async throws {
        let command = try ClientFixture.parse(DNDCommand.self, ["set", "1208", "--until", "10:00"], as: DNDCommand.Set.self)
        let transport = FakeTransport(
            status: 201,
            json: API.DNDWindow(id: 4, room: "1208", stayID: 3, start: "2026-11-24T20:00", end: "2026-11-25T10:00",
                                effectiveEnd: "2026-11-25T06:45", endingWakeUp: "2026-11-25T06:45"))
        #expect(try await ClientFixture.execute(command, transport).lines.first
            == "Do-Not-Disturb 4 set for room 1208: 2026-11-24 20:00 → 2026-11-25 06:45 (the 06:45 wake-up ends it; asked until 2026-11-25 10:00).")
    }

    @Test func dndSetOverAWakeUpWarnsWhatHappensToIt() async throws {
        let command = try ClientFixture.parse(DNDCommand.self, ["set", "1208", "--until", "10:00"], as: DNDCommand.Set.self)
        let transport = FakeTransport(
            status: 201,
            json: API.DNDWindow(id: 4, room: "1208", stayID: 3, start: "2026-11-24T20:00", end: "2026-11-25T10:00",
                                insideDND: [API.DNDConflict(room: "1208", at: "2026-11-25T07:30")], dndEndsAtWakeUp: true))
        #expect(try await ClientFixture.execute(command, transport) == """
            Do-Not-Disturb 4 set for room 1208: 2026-11-24 20:00 → 2026-11-25 10:00.
            Warning: This wake-up rings inside Do-Not-Disturb: 1208 2026-11-25 07:30 — the DND sent to the PBX ends at the first of them, so the phone rings.

            """)
    }

    @Test func dndSetInTheRoomOfNoGuestShowsTheServicesRule() async throws {
        let command = try ClientFixture.parse(DNDCommand.self, ["set", "1209", "--until", "10:00"], as: DNDCommand.Set.self)
        let transport = FakeTransport(.error(400, field: "room", "room 1209 has no guest in house"))
        let error = await #expect(throws: APIError.self) { try await ClientFixture.execute(command, transport) }
        #expect(error?.message == "room: room 1209 has no guest in house")
    }

    private static let windows = [
        API.DNDWindow(id: 1, room: "1208", stayID: 3, start: "2026-11-24T22:00", end: "2026-11-25T07:00"),
        API.DNDWindow(id: 12, room: "1305", start: "2026-11-24T23:00", end: "2026-11-25T09:30"),
    ]

    @Test func dndListTabulatesEveryWindow() async throws {
        let command = try ClientFixture.parse(DNDCommand.self, ["list"], as: DNDCommand.List.self)
        let transport = FakeTransport(json: Self.windows)
        let output = try await ClientFixture.execute(command, transport)
        #expect(transport.recorded.map(\.url) == ["http://127.0.0.1:8080/api/dnd"])
        #expect(
            output.lines == [
                "ID  ROOM  FROM              UNTIL",
                " 1  1208  2026-11-24 22:00  2026-11-25 07:00",
                "12  1305  2026-11-24 23:00  2026-11-25 09:30",
                "",
            ])
    }

    @Test func dndListForARoomFiltersIt() async throws {
        let command = try ClientFixture.parse(DNDCommand.self, ["list", "--room", "1305"], as: DNDCommand.List.self)
        let output = try await ClientFixture.execute(command, FakeTransport(json: Self.windows))
        #expect(output.contains("1305") && !output.contains("1208"))
        let none = try ClientFixture.parse(DNDCommand.self, ["list", "--room", "1410"], as: DNDCommand.List.self)
        #expect(try await ClientFixture.execute(none, FakeTransport(json: Self.windows)) == "Room 1410 has no Do-Not-Disturb windows.\n")
    }

    @Test func dndCancelDeletesTheWindow() async throws {
        let command = try ClientFixture.parse(DNDCommand.self, ["cancel", "12"], as: DNDCommand.Cancel.self)
        let transport = FakeTransport(status: 204, body: "")
        #expect(try await ClientFixture.execute(command, transport) == "Cancelled Do-Not-Disturb 12.\n")
        #expect(transport.recorded.map { "\($0.method) \($0.url)" } == ["DELETE http://127.0.0.1:8080/api/dnd/12"])
    }

    @Test func anIDThatIsNotANumberIsAParseError() {
        #expect(throws: (any Error).self) { try DNDCommand.parseAsRoot(["cancel", "twelve"]) }
        #expect(throws: (any Error).self) { try GroupCommand.parseAsRoot(["cancel", "x"]) }
        #expect(throws: (any Error).self) { try WakeupCommand.parseAsRoot(["cancel", "x"]) }
    }

    @Test func resyncPostsWithoutABodyAndSaysWhatItDid() async throws {
        let command = try ClientFixture.parse(ResyncCommand.self, [], as: ResyncCommand.self)
        let transport = FakeTransport(status: 202, json: API.Accepted())
        let output = try await ClientFixture.execute(command, transport)
        let sent = try #require(transport.recorded.first)
        #expect("\(sent.method) \(sent.url)" == "POST http://127.0.0.1:8080/api/resync")
        #expect(sent.body == nil)
        #expect(output.hasPrefix("Resync started at http://127.0.0.1:8080"))
    }

    @Test func resyncWithAReceptionTokenReportsTheRoleRule() async throws {
        let command = try ClientFixture.parse(ResyncCommand.self, [], as: ResyncCommand.self)
        let transport = FakeTransport(.error(403, "role reception may not resynchronise the PBX"))
        let error = await #expect(throws: APIError.self) { try await ClientFixture.execute(command, transport) }
        #expect(error?.message == "role reception may not resynchronise the PBX")
    }

    @Test func resyncWithJSONPrintsTheReply() async throws {
        let command = try ClientFixture.parse(ResyncCommand.self, ["--json"], as: ResyncCommand.self)
        #expect(try await ClientFixture.execute(command, FakeTransport(status: 202, json: API.Accepted())) == "{\"ok\":true}\n")
    }
}
