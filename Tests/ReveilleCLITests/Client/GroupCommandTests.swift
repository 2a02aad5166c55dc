import ArgumentParser
import Foundation
import ReveilleAPIContract
import Synchronization
import Testing

@testable import ReveilleCLI

/// `reveille group book|list|cancel|watch`.
@Suite struct GroupCommandTests {
    private func bookRequest(_ arguments: [String]) throws -> APIRequest {
        try ClientFixture.parse(GroupCommand.self, ["book"] + arguments, as: GroupCommand.Book.self).request()
    }

    @Test func bookPostsNameRoomsAndTime() throws {
        let request = try bookRequest(["--name", "ABC", "--rooms", "1201-1240", "--at", "06:30"])
        #expect(request.method == .post)
        #expect(request.path == "/api/groups")
        #expect(request.bodyText == #"{"name":"ABC","rooms":["1201-1240"],"time":"06:30"}"#)
    }

    @Test func bookWithPersonalMarksEveryMembersCall() throws {
        let request = try bookRequest(["--name", "VIP", "--rooms", "1201", "--at", "06:30", "--personal"])
        #expect(request.bodyText == #"{"name":"VIP","personal":true,"rooms":["1201"],"time":"06:30"}"#)
    }

    @Test func roomsAndFloorsAreCommaSeparatedOrRepeated() throws {
        let request = try bookRequest([
            "--name", "Tour", "--rooms", "1201-1240, 1305", "--rooms", "1410", "--floors", "12,13", "--floors", "15", "--at", "06:30",
        ])
        #expect(request.bodyText == #"{"floors":[12,13,15],"name":"Tour","rooms":["1201-1240","1305","1410"],"time":"06:30"}"#)
    }

    @Test func bookSendsEveryOption() throws {
        let request = try bookRequest([
            "--name", "Tour ABC", "--code", "ABC", "--at", "06:30", "--date", "2026-11-25", "--days", "3", "--attempts", "5",
            "--frequency", "10", "--prompt", "tour.gsm", "--accept-late",
        ])
        #expect(
            request.bodyText
                == #"{"acceptLate":true,"attempts":5,"date":"2026-11-25","days":3,"frequency":10,"group":"ABC","name":"Tour ABC","prompt":"tour.gsm","time":"06:30"}"#)
    }

    @Test func aBookingCodeAloneNamesTheGroup() throws {
        #expect(try bookRequest(["--code", "ABC", "--at", "06:30"]).bodyText == #"{"group":"ABC","name":"ABC","time":"06:30"}"#)
    }

    @Test func membersAreRequired() {
        #expect(ClientFixture.validationMessage { _ = try bookRequest(["--name", "ABC", "--at", "06:30"]) }
            == "name the members: --rooms 1201-1240, --floors 12,13 or --code ABC")
    }

    @Test func aCodeDoesNotGoWithRoomsOrFloors() {
        #expect(ClientFixture.validationMessage { _ = try bookRequest(["--code", "ABC", "--rooms", "1201", "--at", "06:30"]) }?
            .hasPrefix("give --code or --rooms/--floors, not both") == true)
        #expect(ClientFixture.validationMessage { _ = try bookRequest(["--code", "ABC", "--floors", "12", "--at", "06:30"]) } != nil)
    }

    @Test func roomsWithoutANameIsAUsageError() {
        #expect(ClientFixture.validationMessage { _ = try bookRequest(["--rooms", "1201", "--at", "06:30"]) }?.contains("--name") == true)
    }

    @Test func aFloorThatIsNotANumberIsAUsageError() {
        #expect(ClientFixture.validationMessage { _ = try bookRequest(["--name", "A", "--floors", "12,top", "--at", "06:30"]) }
            == #"--floors: "top" is not a number"#)
    }

    @Test func bookPrintsRoomsCountAndExpectedFinish() async throws {
        let command = try ClientFixture.parse(
            GroupCommand.self, ["book", "--name", "Tour ABC", "--rooms", "1201-1203,1305", "--at", "06:30"], as: GroupCommand.Book.self)
        let rooms = ["1201", "1202", "1203", "1305"]
        let transport = FakeTransport(
            status: 201,
            json: API.GroupBooking(
                group: API.Group(
                    id: 1, name: "Tour ABC", members: .init(rooms: rooms), time: "06:30", recurrence: API.Recurrence(type: "once", date: "2026-11-25"),
                    progress: API.Progress(total: 4, pushed: 0, failed: 0, waiting: 4)),
                assessment: API.Assessment(
                    rooms: rooms, expectedFinish: "2026-11-24T20:03", latestFinish: "2026-11-24T20:04", firstWakeUp: "2026-11-25T06:30")))
        let output = try await ClientFixture.execute(command, transport)
        #expect(
            output.lines == [
                #"Booked group wake-up 1 "Tour ABC": 4 rooms at 06:30, once on 2026-11-25."#,
                "Rooms: 1201-1203, 1305",
                "First wake-up: 2026-11-25 06:30",
                "Pushes expected to finish by 2026-11-24 20:03 (at the latest 2026-11-24 20:04).",
                "Follow the pushes with: reveille group watch 1",
                "",
            ])
    }

    @Test func aRefusalForLateRoomsSaysHowManyAndSuggestsAcceptLate() async throws {
        let command = try ClientFixture.parse(
            GroupCommand.self, ["book", "--name", "ABC", "--rooms", "1201-1240", "--at", "06:30"], as: GroupCommand.Book.self)
        let transport = FakeTransport(
            .error(400, field: "time", "3 of 40 rooms cannot be pushed before the first wake-up", lateRooms: ["1238", "1239", "1240"]))
        let error = await #expect(throws: LateGroupError.self) { try await ClientFixture.execute(command, transport) }
        let lines = try #require(error?.message.lines)
        #expect(lines.first == "time: 3 of 40 rooms cannot be pushed before the first wake-up")
        #expect(lines.contains("3 rooms would be pushed too late for the first wake-up: 1238, 1239, 1240."))
        #expect(lines.last?.contains("--accept-late") == true)
    }

    @Test func anotherBadRequestIsNotTakenForALateRefusal() async throws {
        let command = try ClientFixture.parse(
            GroupCommand.self, ["book", "--name", "ABC", "--rooms", "9901", "--at", "06:30"], as: GroupCommand.Book.self)
        let transport = FakeTransport(.error(400, field: "rooms", "no room 9901 in this hotel"))
        let error = await #expect(throws: APIError.self) { try await ClientFixture.execute(command, transport) }
        #expect(error?.message == "rooms: no room 9901 in this hotel")
    }

    private static let groups = [
        API.Group(
            id: 1, name: "Tour ABC", members: .init(rooms: ["1201", "1202", "1203"]), time: "06:30",
            recurrence: API.Recurrence(type: "once", date: "2026-11-25"), progress: API.Progress(total: 3, pushed: 1, failed: 0, waiting: 2),
            expectedFinish: "2026-11-24T20:03"),
        API.Group(
            id: 2, name: "旅行团", members: .init(group: "XYZ"), time: "07:00", recurrence: API.Recurrence(type: "daily", from: "2026-11-25", days: 2),
            progress: API.Progress(total: 12, pushed: 11, failed: 1, waiting: 0)),
    ]

    @Test func listShowsProgressAndExpectedFinish() async throws {
        let command = try ClientFixture.parse(GroupCommand.self, ["list"], as: GroupCommand.List.self)
        let transport = FakeTransport(json: Self.groups)
        let output = try await ClientFixture.execute(command, transport)
        #expect(transport.recorded.map(\.url) == ["http://127.0.0.1:8080/api/groups"])
        #expect(
            output.lines == [
                "ID  NAME      MEMBERS    TIME   DAYS                              PUSHED  FAILED  WAITING  EXPECTED FINISH",
                " 1  Tour ABC  1201-1203  06:30  once on 2026-11-25                   1/3       0        2  2026-11-24 20:03",
                " 2  旅行团    code XYZ   07:00  daily for 2 days from 2026-11-25   11/12       1        0  done",
                "",
            ])
    }

    @Test func aGroupWithNothingQueuedYetHasNoExpectedFinish() {
        let later = API.Group(
            id: 3, name: "Floor 13", members: .init(rooms: ["1301"]), time: "07:00", recurrence: API.Recurrence(type: "once", date: "2026-11-26"),
            progress: API.Progress(total: 0, pushed: 0, failed: 0, waiting: 0))
        #expect(GroupFormatter.finish(later) == "-")
        #expect(GroupFormatter.finish(group(1, pushed: 3, waiting: 0)) == "done")
        #expect(GroupFormatter.finish(group(1, pushed: 1, waiting: 2)) == "2026-11-24 20:03")
    }

    @Test func cancelDeletesTheGroup() async throws {
        let command = try ClientFixture.parse(GroupCommand.self, ["cancel", "3"], as: GroupCommand.Cancel.self)
        #expect(command.request() == .delete("/api/groups/3"))
        #expect(try await ClientFixture.execute(command, FakeTransport(status: 204, body: "")) == "Cancelled group wake-up 3.\n")
    }

    private func group(_ id: Int64, pushed: Int, waiting: Int) -> API.Group {
        API.Group(
            id: id, name: "Tour ABC", members: .init(rooms: ["1201", "1202", "1203"]), time: "06:30",
            recurrence: API.Recurrence(type: "once", date: "2026-11-25"),
            progress: API.Progress(total: pushed + waiting, pushed: pushed, failed: 0, waiting: waiting), expectedFinish: "2026-11-24T20:03")
    }

    @Test func watchPollsUntilNothingWaitsSleepingBetweenPolls() async throws {
        let polls = Mutex([[group(1, pushed: 0, waiting: 3)], [group(1, pushed: 2, waiting: 1)], [group(1, pushed: 3, waiting: 0)]])
        let sleeps = Mutex(0)
        let emitted = Mutex([String]())
        let last = try await GroupWatch.run(
            id: 1,
            fetch: { polls.withLock { $0.removeFirst() } },
            sleep: { sleeps.withLock { $0 += 1 } },
            emit: { group in emitted.withLock { $0.append(GroupFormatter.progressLine(group)) } })
        #expect(sleeps.withLock { $0 } == 2)
        #expect(last.progress.pushed == 3)
        #expect(
            emitted.withLock { $0 } == [
                "Tour ABC: pushed 0/3, failed 0, waiting 3, expected finish 2026-11-24 20:03",
                "Tour ABC: pushed 2/3, failed 0, waiting 1, expected finish 2026-11-24 20:03",
                "Tour ABC: pushed 3/3, failed 0, waiting 0",
            ])
    }

    @Test func watchOfAGroupThatIsGoneFails() async throws {
        let error = await #expect(throws: APIError.self) {
            _ = try await GroupWatch.run(
                id: 5, fetch: { [self.group(1, pushed: 0, waiting: 3)] }, sleep: {}, emit: { _ in })
        }
        #expect(error?.message.hasPrefix("id: no group wake-up 5") == true)
    }

    @Test func watchWithJSONPrintsTheGroupsObjectOnOneLineAsTheServiceWroteIt() async throws {
        let command = try ClientFixture.parse(GroupCommand.self, ["watch", "2", "--json"], as: GroupCommand.Watch.self)
        let output = try await ClientFixture.execute(command, FakeTransport(json: Self.groups))
        #expect(output.lines == [ClientFixture.json(Self.groups[1]), ""])
    }

    @Test func watchEndsWhenTheGroupIsDone() async throws {
        let command = try ClientFixture.parse(GroupCommand.self, ["watch", "2"], as: GroupCommand.Watch.self)
        let output = try await ClientFixture.execute(command, FakeTransport(json: Self.groups))
        #expect(output.lines.first == "旅行团: pushed 11/12, failed 1, waiting 0")
        #expect(output.lines.dropFirst().first == "Done: 11 of 12 pushed, 1 failed (see GET /api/outbox?state=failed).")
    }

    @Test func watchRejectsAnIntervalOutOfRangeBeforeAsking() async throws {
        let command = try ClientFixture.parse(GroupCommand.self, ["watch", "1", "--interval", "0"], as: GroupCommand.Watch.self)
        let transport = FakeTransport(json: Self.groups)
        await #expect(throws: ValidationError.self) { try await ClientFixture.execute(command, transport) }
        #expect(transport.recorded.isEmpty)
    }

    @Test func roomRangesShortenConsecutiveNumbers() {
        #expect(ClientText.roomRanges(["1201", "1202", "1203", "1305", "1307", "1308", "A1", "A2", "0998", "0999", "1000", "1202"])
            == "1201-1203, 1305, 1307-1308, A1, A2, 0998-1000, 1202")
    }
}
