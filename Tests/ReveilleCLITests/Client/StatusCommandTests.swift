import ArgumentParser
import Foundation
import ReveilleAPIContract
import Testing

@testable import ReveilleCLI

/// `reveille status`: link, outbox, imports and the room table.
@Suite struct StatusCommandTests {

    @Test func readsStatusAndAllRooms() throws {
        let command = try ClientFixture.parse(StatusCommand.self, [], as: StatusCommand.self)
        let requests = try command.requests()
        #expect(requests.status == .get("/api/status"))
        #expect(requests.rooms == .get("/api/rooms"))
    }

    @Test func roomReadsThatRoomOnly() throws {
        let command = try ClientFixture.parse(StatusCommand.self, ["--room", "1208"], as: StatusCommand.self)
        #expect(try command.requests().rooms == .get("/api/rooms/1208"))
    }

    @Test func rendersTheSummaryAndARoomTableWithChineseNamesAligned() throws {
        let text = StatusFormatter.render(status: ClientFixture.status, rooms: ClientFixture.rooms)
        #expect(
            text.lines == [
                "Link:         up",
                "Outbox:       0 pending, 0 failed",
                "Last import:  inhouse.csv: applied — 12 in, 0 out, 0 moved, 0 changed",
                "Hotel time:   2026-11-24 20:00 (Asia/Shanghai), simulated PBX",
                "",
                "ROOM  GUEST       WAKE-UPS  DND                        IN SYNC",
                "1208  张伟 [ABC]  06:30     11-24 22:00 – 11-25 07:00  no",
                "1209  -           -         -                          yes",
                "",
                "2 rooms, 1 occupied; 1 in sync with the PBX, 1 not yet.",
            ])
    }

    @Test func aDownLinkShowsWhyAndAHeldImportAndFailedPushesStandOut() throws {
        let held = API.ImportReport(file: "b.csv", outcome: "held", checkOuts: 60, reason: "60 of 100 stays would vanish")
        var last = held
        last.problems = [API.RowProblem(file: "b.csv", line: 7, reason: "no room")]
        let status = API.Status(
            link: API.Link(state: "down", up: false, detail: "down (login rejected: User Login failed, Password Wrong !)"),
            outbox: .init(pending: 4, failed: 2), import: .init(last: last, held: held),
            hotel: .init(timeZone: "Asia/Shanghai", now: "2026-11-24T20:00"), simulator: false)
        let lines = StatusFormatter.render(status: status, rooms: []).lines
        #expect(lines[0] == "Link:         down (login rejected: User Login failed, Password Wrong !)")
        #expect(lines[1].hasPrefix("Outbox:       4 pending, 2 failed (see GET /api/outbox?state=failed"))
        #expect(lines[2] == "Last import:  b.csv: held — 0 in, 60 out, 0 moved, 0 changed, 1 bad row; 60 of 100 stays would vanish")
        #expect(lines[3].hasPrefix("HELD import:  b.csv: held") && lines[3].contains("POST /api/imports/approve"))
        #expect(lines[4] == "Hotel time:   2026-11-24 20:00 (Asia/Shanghai)")
        #expect(lines.last == "No rooms.")
    }

    @Test(arguments: [
        (API.Link(state: "up", up: true, detail: "up"), "up"),
        (API.Link(state: "connecting", up: false, detail: "connecting"), "connecting"),
        (API.Link(state: "down", up: false, detail: "down (connection refused)"), "down (connection refused)"),
        (API.Link(state: "loggingIn", up: false, detail: "logging in as admin"), "loggingIn — logging in as admin"),
    ])
    func linkStateIsShownWithItsReason(link: API.Link, text: String) {
        #expect(StatusFormatter.link(link) == text)
    }

    @Test func roomReadsTheOneRoomTheServiceAnswers() async throws {
        let command = try ClientFixture.parse(StatusCommand.self, ["--room", "1208"], as: StatusCommand.self)
        let transport = FakeTransport([.json(200, ClientFixture.status), .json(200, ClientFixture.room1208)])
        let output = try await ClientFixture.execute(command, transport)
        #expect(transport.recorded.map(\.url).last == "http://127.0.0.1:8080/api/rooms/1208")
        #expect(output == StatusFormatter.render(status: ClientFixture.status, rooms: [ClientFixture.room1208], detailed: true) + "\n")
    }

    @Test func roomAddsTheDesiredAndConfirmedPBXState() throws {
        let text = StatusFormatter.render(status: ClientFixture.status, rooms: [ClientFixture.room1208], detailed: true)
        let lines = text.lines
        #expect(lines.contains("Room 1208:  extension 8208, floor 12, tags suite"))
        #expect(lines.contains("Rings:      2026-11-25 06:30 (wake-up 7)"))
        #expect(lines.contains("Desired:    AlarmClock 06:30**5*1*fpm-world-mix.gsm*3&, DND 11-24 22:00 – 11-25 07:00, name 张伟, call class 4"))
        #expect(lines.contains("PBX has:    AlarmClock 06:30**5*1*fpm-world-mix.gsm*3&, DND off, name 张伟, call class 4, confirmed 2026-11-24 20:01"))
        #expect(!text.contains("in sync with the PBX"))
    }

    @Test func roomShowsTheGuestsLanguagePromptAndPersonalCalls() throws {
        var room = ClientFixture.room1208
        room.guest?.language = "en"
        room.guest?.prompt = "wake-en.gsm"
        room.guest?.personalCall = true
        room.desired.wakeUps = [
            .init(time: "06:30", at: "2026-11-25T06:30", source: "room", policyID: 7, prompt: "wake-en.gsm", personal: true),
            .init(time: "07:00", at: "2026-11-25T07:00", source: "room", policyID: 8, personal: true, receptionOnly: true),
        ]
        let lines = StatusFormatter.details(room)
        #expect(lines.contains("Language:   en, prompt wake-en.gsm"))
        #expect(lines.contains("Personal:   reception phones the room at every wake-up"))
        #expect(lines.contains("Rings:      2026-11-25 06:30 (wake-up 7, personal call)"))
        #expect(lines.contains("Rings:      2026-11-25 07:00 (wake-up 8, reception only)"))
    }

    @Test func whatThePBXNeverConfirmedIsMarkedUnconfirmed() throws {
        let partly = API.Room(
            number: "1310", phone: "8310", floor: 13,
            desired: .init(alarmClock: "", wakeUps: [], dnd: .init(use: false), name: "Kim", callClass: 4),
            acknowledged: .init(alarmClock: "", confirmedAt: "2026-11-24T20:01"), inSync: false)
        let lines = StatusFormatter.details(partly)
        #expect(lines.contains("PBX has:    AlarmClock empty, DND unconfirmed, name unconfirmed, call class unconfirmed, confirmed 2026-11-24 20:01"))
        let vacant = StatusFormatter.details(ClientFixture.room1209Vacant)
        #expect(vacant.contains("PBX has:    nothing confirmed yet"))
        #expect(vacant.contains("Desired:    AlarmClock empty, DND off, name (none), call class 1"))
    }

    @Test func executeReadsBothEndpointsAndRendersThem() async throws {
        let command = try ClientFixture.parse(StatusCommand.self, [], as: StatusCommand.self)
        let transport = FakeTransport([.json(200, ClientFixture.status), .json(200, ClientFixture.rooms)])
        let output = try await ClientFixture.execute(command, transport)
        #expect(transport.recorded.map(\.url) == ["http://127.0.0.1:8080/api/status", "http://127.0.0.1:8080/api/rooms"])
        #expect(output == StatusFormatter.render(status: ClientFixture.status, rooms: ClientFixture.rooms) + "\n")
    }

    @Test func jsonPassesBothRepliesThroughUnchanged() async throws {
        let command = try ClientFixture.parse(StatusCommand.self, ["--json"], as: StatusCommand.self)
        // Hand-written on purpose: a field this CLI does not know yet still reaches the output.
        let statusBody = #"{"link":{"state":"up"},"future":[1,2]}"#
        let roomsBody = #"[{"number":"1208","guest":{"name":"张伟"}}]"#
        let transport = FakeTransport([.reply(200, statusBody + "\n"), .reply(200, roomsBody)])
        let output = try await ClientFixture.execute(command, transport)
        #expect(output == #"{"status":\#(statusBody),"rooms":\#(roomsBody)}"# + "\n")
        #expect((try? JSONSerialization.jsonObject(with: Data(output.utf8))) != nil)
    }

    @Test func anUnknownRoomReportsTheServicesRule() async throws {
        let command = try ClientFixture.parse(StatusCommand.self, ["--room", "9999"], as: StatusCommand.self)
        let transport = FakeTransport([.json(200, ClientFixture.status), .error(404, "no room 9999")])
        let error = await #expect(throws: APIError.self) { try await ClientFixture.execute(command, transport) }
        #expect(error?.message == "no room 9999")
    }
}
