import ArgumentParser
import Foundation
import ReveilleAPIContract
import Testing

@testable import ReveilleCLI

/// `reveille wakeup set|list|cancel`: from the command line to the request, and the replies' text.
@Suite struct WakeupCommandTests {
    private func setRequest(_ arguments: [String]) throws -> APIRequest {
        try ClientFixture.parse(WakeupCommand.self, ["set"] + arguments, as: WakeupCommand.Set.self).request()
    }

    @Test func setWithDaysPostsTimeAndDaysToTheRoom() throws {
        let request = try setRequest(["1208", "07:30", "--days", "2"])
        #expect(request.method == .post)
        #expect(request.path == "/api/rooms/1208/wakeups")
        #expect(request.bodyText == #"{"days":2,"time":"07:30"}"#)
    }

    @Test func setWithOnlyATimeSendsOnlyTheTime() throws {
        #expect(try setRequest(["1208", "07:30"]).bodyText == #"{"time":"07:30"}"#)
    }

    @Test func setSendsEveryOption() throws {
        let request = try setRequest([
            "1208", "06:45", "--date", "2026-11-25", "--weekdays", "mon,wed,fri", "--until", "2026-11-30",
            "--attempts", "5", "--frequency", "10", "--prompt", "morning.gsm",
        ])
        #expect(
            request.bodyText
                == #"{"attempts":5,"date":"2026-11-25","frequency":10,"prompt":"morning.gsm","time":"06:45","until":"2026-11-30","weekdays":[1,3,5]}"#)
    }

    @Test func personalAndReceptionOnlyAreSentOnlyWhenGiven() throws {
        // Without --prompt the guest's language picks the prompt, so none is sent.
        #expect(try setRequest(["1208", "06:30", "--personal"]).bodyText == #"{"personal":true,"time":"06:30"}"#)
        #expect(try setRequest(["1208", "06:30", "--reception-only"]).bodyText == #"{"receptionOnly":true,"time":"06:30"}"#)
    }

    @Test func backupAndFollowUpAreSentWhenGivenAndABackupNeedsAPersonalCall() throws {
        // A personal call's backup and a follow-up call.
        #expect(try setRequest(["1208", "06:30", "--personal", "--backup-after", "10"]).bodyText
            == #"{"backupAfter":10,"personal":true,"time":"06:30"}"#)
        #expect(try setRequest(["1208", "06:30", "--follow-up", "10"]).bodyText == #"{"followUpAfter":10,"time":"06:30"}"#)
        #expect(throws: (any Error).self) { try setRequest(["1208", "06:30", "--backup-after", "10"]) }
    }

    @Test func aPersonalBookingSaysReceptionWillCall() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["set", "1208", "06:30", "--reception-only"], as: WakeupCommand.Set.self)
        let transport = FakeTransport(
            status: 201,
            json: API.WakeUpBooking(
                wakeUp: API.WakeUp(
                    id: 9, room: "1208", time: "06:30", recurrence: API.Recurrence(type: "once", date: "2026-11-25"), personal: nil,
                    receptionOnly: true),
                firstWakeUp: "2026-11-25T06:30"))
        let output = try await ClientFixture.execute(command, transport)
        #expect(output.contains("Reception only: not sent to the PBX; reception is alerted to phone the room at its time."))
    }

    @Test(arguments: [
        ("mon,wed,fri", [1, 3, 5]), ("1,3,5", [1, 3, 5]), ("Mon-Fri", [1, 2, 3, 4, 5]), ("sunday,MONDAY,mon", [1, 7]),
        ("sat, sun", [6, 7]),
    ])
    func weekdaysAreReadAsISONumbers(text: String, days: [Int]) throws {
        #expect(try WeekdayList.parse(text) == days)
    }

    @Test func anUnknownWeekdayIsAUsageErrorQuotingIt() {
        #expect(ClientFixture.validationMessage { _ = try setRequest(["1208", "07:30", "--weekdays", "mon,funday"]) }
            == #"--weekdays: "funday" is not a weekday (mon … sun or 1 … 7)"#)
        #expect(ClientFixture.validationMessage { _ = try WeekdayList.parse("fri-mon") }?.contains("backwards") == true)
    }

    @Test func daysAndWeekdaysTogetherIsAUsageError() {
        #expect(ClientFixture.validationMessage { _ = try setRequest(["1208", "07:30", "--days", "2", "--weekdays", "mon"]) }
            == "give --days or --weekdays, not both")
    }

    @Test func untilWithoutWeekdaysIsAUsageError() {
        #expect(ClientFixture.validationMessage { _ = try setRequest(["1208", "07:30", "--until", "2026-11-30"]) }?
            .hasPrefix("--until goes with --weekdays") == true)
    }

    @Test func zeroDaysIsAUsageError() {
        #expect(ClientFixture.validationMessage { _ = try setRequest(["1208", "07:30", "--days", "0"]) } == "--days must be at least 1")
    }

    @Test func setWithoutATimeIsAParseError() {
        #expect(throws: (any Error).self) { try WakeupCommand.parseAsRoot(["set", "1208"]) }
    }

    @Test func setPrintsTheFirstWakeUpAndWarnsWhenItFallsInsideDND() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["set", "1208", "07:30"], as: WakeupCommand.Set.self)
        let transport = FakeTransport(
            status: 201,
            json: API.WakeUpBooking(
                wakeUp: API.WakeUp(id: 7, room: "1208", time: "07:30", recurrence: API.Recurrence(type: "once", date: "2026-11-25")),
                firstWakeUp: "2026-11-25T07:30", insideDND: ["2026-11-25T07:30"]))
        let output = try await ClientFixture.execute(command, transport)
        #expect(
            output.lines == [
                "Booked wake-up 7 for room 1208: 07:30, once on 2026-11-25.",
                "First wake-up: 2026-11-25 07:30",
                "Warning: This wake-up rings inside Do-Not-Disturb: 2026-11-25 07:30 — the DND sent to the PBX ends at the first of them, so the phone rings.",
                "",
            ])
    }

    @Test func withDNDKeptWholeTheWarningSaysThePhoneMayNotRing() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["set", "1208", "07:30"], as: WakeupCommand.Set.self)
        let transport = FakeTransport(
            status: 201,
            json: API.WakeUpBooking(
                wakeUp: API.WakeUp(id: 7, room: "1208", time: "07:30", recurrence: API.Recurrence(type: "once", date: "2026-11-25")),
                firstWakeUp: "2026-11-25T07:30", insideDND: ["2026-11-25T07:30", "2026-11-26T07:30"], dndEndsAtWakeUp: false))
        let output = try await ClientFixture.execute(command, transport)
        #expect(output.lines.contains(
            "Warning: 2 wake-ups ring inside Do-Not-Disturb: 2026-11-25 07:30, 2026-11-26 07:30 — the phone may not ring during DND (hotel.dndEndsAtWakeUp is false)."))
    }

    @Test func setOutsideDNDPrintsNoWarning() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["set", "1208", "07:30", "--days", "2"], as: WakeupCommand.Set.self)
        let transport = FakeTransport(
            status: 201,
            json: API.WakeUpBooking(
                wakeUp: API.WakeUp(id: 8, room: "1208", time: "07:30", recurrence: API.Recurrence(type: "daily", from: "2026-11-25", days: 2)),
                firstWakeUp: "2026-11-25T07:30"))
        let output = try await ClientFixture.execute(command, transport)
        #expect(output.contains("daily for 2 days from 2026-11-25"))
        #expect(!output.contains("Warning"))
    }

    @Test func setWithAnInvalidTimeReportsTheServicesFieldAndRule() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["set", "1208", "24:00"], as: WakeupCommand.Set.self)
        let transport = FakeTransport(.error(400, field: "time", #""24:00" is not a real time HH:mm"#))
        let error = await #expect(throws: APIError.self) { try await ClientFixture.execute(command, transport) }
        #expect(error?.message == #"time: "24:00" is not a real time HH:mm"#)
    }

    @Test func listGetsTheRoomsWakeUpsAndTabulatesThem() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["list", "1208"], as: WakeupCommand.List.self)
        #expect(command.request() == .get("/api/rooms/1208/wakeups"))
        let transport = FakeTransport(json: [
            API.WakeUp(
                id: 7, room: "1208", time: "06:30", recurrence: API.Recurrence(type: "weekdays", from: "2026-11-24", weekdays: [1, 3, 5]),
                personal: true),
            API.WakeUp(
                id: 12, room: "1208", time: "17:00", recurrence: API.Recurrence(type: "once", date: "2026-11-25"), frequency: 10, attempts: 5,
                prompt: "a.gsm"),
        ])
        let output = try await ClientFixture.execute(command, transport)
        #expect(
            output.lines == [
                "ID  TIME   DAYS                                           ATTEMPTS  EVERY    PROMPT",
                " 7  06:30  Mon, Wed, Fri from 2026-11-24 until check-out  default   default  by language (personal call)",
                "12  17:00  once on 2026-11-25                             5         10 min   a.gsm",
                "",
            ])
    }

    @Test func listOfARoomWithoutWakeUpsSaysSo() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["list", "1208"], as: WakeupCommand.List.self)
        #expect(try await ClientFixture.execute(command, FakeTransport(json: [API.WakeUp]())) == "Room 1208 has no wake-ups.\n")
    }

    @Test func listWithJSONPrintsTheReplyAsItCame() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["list", "1208", "--json"], as: WakeupCommand.List.self)
        // Hand-written on purpose: spacing and fields this CLI does not know come out as they came.
        let body = #"[ {"id":7, "time":"06:30", "extra":{"kept":true}} ]"#
        #expect(try await ClientFixture.execute(command, FakeTransport(body: body)) == body + "\n")
    }

    @Test func cancelByIDDeletesThatWakeUp() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["cancel", "7"], as: WakeupCommand.Cancel.self)
        #expect(try command.target() == .one(7))
        let transport = FakeTransport(status: 204, body: "")
        #expect(try await ClientFixture.execute(command, transport) == "Cancelled wake-up 7.\n")
        #expect(transport.recorded.map { "\($0.method) \($0.url)" } == ["DELETE http://127.0.0.1:8080/api/wakeups/7"])
        #expect(transport.recorded.first?.body == nil)
    }

    @Test func cancelByRoomListsThenDeletesEachWakeUp() async throws {
        let command = try ClientFixture.parse(WakeupCommand.self, ["cancel", "--room", "1208"], as: WakeupCommand.Cancel.self)
        let transport = FakeTransport([
            .json(200, [
                API.WakeUp(id: 7, room: "1208", time: "06:30", recurrence: API.Recurrence(type: "once", date: "2026-11-25")),
                API.WakeUp(id: 9, room: "1208", time: "07:00", recurrence: API.Recurrence(type: "once", date: "2026-11-26")),
            ]),
            .reply(204, ""),
        ])
        let output = try await ClientFixture.execute(command, transport)
        #expect(
            transport.recorded.map { "\($0.method) \($0.url)" } == [
                "GET http://127.0.0.1:8080/api/rooms/1208/wakeups",
                "DELETE http://127.0.0.1:8080/api/wakeups/7",
                "DELETE http://127.0.0.1:8080/api/wakeups/9",
            ])
        #expect(output.contains(" 7  06:30  once on 2026-11-25"))
        #expect(output.hasSuffix("Cancelled wake-up 7.\nCancelled wake-up 9.\nRoom 1208: 2 wake-ups cancelled.\n"))
    }

    @Test func cancelNeedsAnIDOrARoomButNotBoth() throws {
        let neither = try ClientFixture.parse(WakeupCommand.self, ["cancel"], as: WakeupCommand.Cancel.self)
        #expect(ClientFixture.validationMessage { _ = try neither.target() }?.contains("--room") == true)
        let both = try ClientFixture.parse(WakeupCommand.self, ["cancel", "7", "--room", "1208"], as: WakeupCommand.Cancel.self)
        #expect(ClientFixture.validationMessage { _ = try both.target() } == "give a wake-up id or --room, not both")
    }
}
