import Foundation
import PBXProtocol
import ReveilleCore
@testable import ReveilleIngest
import ReveilleStore
import Testing

/// Stays are recognised the way PMSs export them (Build 4): (booking, room) with a booking
/// number, (room, arrival) without one.
struct StayIdentityTests {
    typealias Fixture = IngestFixture

    /// An export without a booking column.
    static func csvWithoutBookings(_ rows: [String]) -> Data {
        Data((["房号,姓名,到店时间,离店时间"] + rows).joined(separator: "\r\n").utf8)
    }

    func stayID(in room: String, _ fixture: Fixture) throws -> Int64? {
        try fixture.store.snapshot().currentStay(in: room, at: Fixture.now)?.id
    }

    /// Books a 06:30 wake-up and a DND window for the guest in `room`; returns the stay's id.
    @discardableResult
    func bookWakeUpAndDND(in room: String, _ fixture: Fixture) throws -> Int64 {
        let stay = try #require(try fixture.store.snapshot().currentStay(in: room, at: Fixture.now))
        try fixture.store.save(
            WakeUpPolicy(id: 1, room: room, stayID: stay.id, time: TimeOfDay("06:30")!, recurrence: .once(LocalDate("2026-11-25")!)),
            actor: "test", at: Fixture.now)
        try fixture.store.save(DNDWindow(id: 1, room: room, stayID: stay.id, start: Fixture.now, end: Fixture.now + 3600),
                               actor: "test", at: Fixture.now)
        return stay.id
    }

    /// What the planner would put on the PBX for `room` now.
    func desired(_ room: String, _ fixture: Fixture) throws -> DesiredExtension {
        let planner = Planner(settings: HotelSettings(timeZone: Fixture.zone))
        return try #require(planner.desired(room: room, in: try fixture.store.snapshot(), now: Fixture.now))
    }

    @Test func everyRoomOfAMultiRoomBookingIsCheckedIn() throws {
        let fixture = try Fixture()
        let report = fixture.importer.importExport(Fixture.csv([
            "1201,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
            "1202,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
            "1203,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
        ]), file: "tour.csv")
        #expect(report.problems.isEmpty)
        #expect(report.checkIns == 3)
        #expect(try fixture.inHouseRooms() == ["1201", "1202", "1203"])
        // The next export, unchanged, changes nothing; one room of the booking leaving checks out that room only.
        #expect(fixture.importer.importExport(Fixture.csv([
            "1201,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
            "1202,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
            "1203,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
        ]), file: "again.csv").updates == 0)
        let left = fixture.importer.importExport(Fixture.csv([
            "1201,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
            "1203,导游王,2026-11-24 14:00,2026-11-27 12:00,TOUR7,R500",
        ]), file: "one-left.csv")
        #expect(left.checkOuts == 1 && left.checkIns == 0 && left.moves == 0)
        #expect(try fixture.inHouseRooms() == ["1201", "1203"])
    }

    @Test func roomOfAMultiRoomBookingThatChangesRoomIsAMove() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv([
            "1201,Anna,2026-11-24 14:00,2026-11-27 12:00,,R500",
            "1202,Ben,2026-11-24 14:00,2026-11-27 12:00,,R500",
        ]), file: "a.csv")
        let stay = try bookWakeUpAndDND(in: "1202", fixture)
        let report = fixture.importer.importExport(Fixture.csv([
            "1201,Anna,2026-11-24 14:00,2026-11-27 12:00,,R500",
            "1207,Ben,2026-11-24 14:00,2026-11-27 12:00,,R500",
        ]), file: "b.csv")
        #expect(report.moves == 1 && report.checkIns == 0 && report.checkOuts == 0)
        #expect(try stayID(in: "1207", fixture) == stay)
        #expect(try fixture.store.snapshot().policies[1]?.room == "1207")
    }

    @Test func guestsWithoutBookingNumbersWithTheSameNameAndArrivalInTwoRoomsAreBothCheckedIn() throws {
        let fixture = try Fixture()
        let report = fixture.importer.importExport(Self.csvWithoutBookings([
            "1204,李娜,2026-11-24 14:00,2026-11-26 12:00",
            "1205,李娜,2026-11-24 14:00,2026-11-26 12:00",
        ]), file: "twins.csv")
        #expect(report.problems.isEmpty)
        #expect(report.checkIns == 2)
        #expect(try fixture.inHouseRooms() == ["1204", "1205"])
    }

    @Test func correctedNameWithoutBookingColumnIsAnUpdateThatKeepsTheStayAndItsWakeUp() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Self.csvWithoutBookings(["1201,Zhang Wie,2026-11-24 14:00,2026-11-26 12:00"]), file: "a.csv")
        let stay = try bookWakeUpAndDND(in: "1201", fixture)
        let report = fixture.importer.importExport(
            Self.csvWithoutBookings(["1201,Zhang Wei,2026-11-24 14:00,2026-11-26 12:00"]), file: "b.csv")
        #expect(report.updates == 1 && report.checkIns == 0 && report.checkOuts == 0)
        #expect(try stayID(in: "1201", fixture) == stay)
        let desired = try desired("1201", fixture)
        #expect(desired.name == "Zhang Wei")
        #expect(desired.wakeUps.map(\.source) == [.room(policy: 1)])
        #expect(desired.dnd != .off)
    }

    @Test func duplicateKeysInOneExportAreReportedWithTheirLinesAndTheRoomKeepsItsState() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(["1201,Anna,2026-11-24 14:00,2026-11-26 12:00,,R1"]), file: "a.csv")
        let report = fixture.importer.importExport(Fixture.csv([
            "1201,Anna Smith,2026-11-24 14:00,2026-11-26 12:00,,R1",  // line 2
            "1202,Ben,2026-11-24 14:00,2026-11-26 12:00,,R2",  // line 3
            "1201,Anne,2026-11-24 14:00,2026-11-28 12:00,,R1",  // line 4: the same booking in the same room
        ]), file: "b.csv")
        #expect(report.outcome == .applied)
        #expect(report.problems.map(\.line) == [2, 4])
        #expect(report.problems.allSatisfy { $0.room == "1201" && $0.reason.contains("booking R1 in room 1201 is on lines 2, 4") })
        #expect(report.checkIns == 1 && report.checkOuts == 0 && report.updates == 0)
        let stays = try fixture.store.inHouse().sorted { $0.room < $1.room }
        #expect(stays.map(\.guest) == ["Anna", "Ben"])  // 1201 as it was

        // Without a booking column: the same room and arrival twice.
        let noBooking = fixture.importer.importExport(Self.csvWithoutBookings([
            "1203,Chen,2026-11-24 14:00,2026-11-26 12:00",
            "1203,Chen Li,2026-11-24 14:00,2026-11-26 12:00",
        ]), file: "c.csv")
        #expect(noBooking.problems.map(\.line) == [2, 3])
        #expect(noBooking.problems.first?.reason.contains("room 1203 with arrival 2026-11-24 14:00:00 is on lines 2, 3") == true)
        #expect(try !fixture.inHouseRooms().contains("1203"))
    }

    @Test func stayThatVanishesFromOneExportAndReturnsKeepsItsIdWakeUpAndDND() throws {
        let fixture = try Fixture()
        let everyone = Fixture.guests(12)
        fixture.importer.importExport(Fixture.csv(everyone), file: "a.csv")
        let stay = try bookWakeUpAndDND(in: "1201", fixture)
        // A glitch: 1201's row is missing (1 of 12, under the vanish threshold): checked out.
        let glitch = fixture.importer.importExport(Fixture.csv(Array(everyone.dropFirst())), file: "b.csv")
        #expect(glitch.outcome == .applied && glitch.checkOuts == 1)
        #expect(try desired("1201", fixture).wakeUps.isEmpty)
        // It is back in the next export: the same stay, with its wake-up and DND window.
        let back = fixture.importer.importExport(Fixture.csv(everyone), file: "c.csv")
        #expect(back.checkIns == 1)
        #expect(try stayID(in: "1201", fixture) == stay)
        let snapshot = try fixture.store.snapshot()
        #expect(snapshot.stays.values.filter { $0.room == "1201" }.count == 1)
        #expect(snapshot.stays[stay]?.departure == snapshot.stays.values.first(where: { $0.room == "1202" })?.departure)
        let desired = try desired("1201", fixture)
        #expect(desired.wakeUps.map(\.source) == [.room(policy: 1)])
        #expect(desired.dnd != .off)
        #expect(try fixture.store.audit().contains { $0.action == "check-in" && $0.entityID == "\(stay)" && $0.before != nil })
    }

    @Test func rowValuesOutsideTheBoundsAreRowProblemsNamingTheFieldAndTheRoomKeepsItsGuest() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(6)), file: "a.csv")
        var rows = Fixture.guests(6)
        rows[0] = "1201,\(String(repeating: "名", count: 65)),2026-11-24 14:00,2026-11-26 12:00,,R0"
        rows[1] = "1202,客人1,2026-11-24 14:00,2026-11-26 12:00,,\(String(repeating: "R", count: 33))"
        rows[2] = "1203,客人2,2026-11-24 14:00,2026-11-26 12:00,\(String(repeating: "G", count: 33)),R2"
        rows[3] = "1204,客人3,2025-10-20 14:00,2026-11-26 12:00,,R3"  // more than 400 days back
        rows[4] = "1205,客人4,2026-11-24 14:00,2027-12-30 12:00,,R4"  // more than 400 days ahead
        let report = fixture.importer.importExport(Fixture.csv(rows), file: "b.csv")
        #expect(report.problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(report.problems.map { String($0.reason.prefix { $0 != ":" }) } == ["guest", "booking", "group", "arrival", "departure"])
        #expect(report.problems.first?.reason == "guest: must be at most 64 characters (has 65)")
        #expect(report.checkOuts == 0 && report.updates == 0)
        #expect(try fixture.inHouseRooms() == ["1201", "1202", "1203", "1204", "1205", "1206"])
        // At the edges of the span: accepted.
        let edges = fixture.importer.importExport(Fixture.csv([
            "1207,客人7,2025-10-21 14:00,2026-11-26 12:00,,R7", "1208,客人8,2026-11-24 14:00,2027-12-28 12:00,,R8",
        ] + Fixture.guests(6)), file: "c.csv")
        #expect(edges.problems.isEmpty && edges.checkIns == 2)
    }
}
