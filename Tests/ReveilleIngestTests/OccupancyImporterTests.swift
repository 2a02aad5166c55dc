import Foundation
import PBXProtocol
import ReveilleCore
@testable import ReveilleIngest
import ReveilleStore
import Testing

/// Exports in, stays out, with the importer's safety rules.
struct OccupancyImporterTests {
    typealias Fixture = IngestFixture

    @Test func exportChecksGuestsInWithTheirChineseNames() throws {
        let fixture = try Fixture()
        let report = fixture.importer.importExport(Fixture.csv(Fixture.guests(3)), file: "inhouse.csv")
        #expect(report.outcome == .applied && report.checkIns == 3)
        let stays = try fixture.store.inHouse().sorted { $0.room < $1.room }
        #expect(stays.map(\.guest) == ["客人0", "客人1", "客人2"])
        #expect(fixture.changes.all == ["1201", "1202", "1203"])
        #expect(try fixture.store.audit().contains { $0.action == "import applied" && $0.actor == "pms:csv:inhouse.csv" })
    }

    @Test func badRowIsReportedWithFileLineAndReasonAndItsRoomKeepsItsGuest() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(3)), file: "a.csv")
        let rows = [
            "1201,客人0,2026-11-24 14:00,2026-11-26 12:00,,R0",
            "1202,客人1,2026-02-30 14:00,2026-11-26 12:00,,R1",  // impossible date: 1202 keeps its guest
            "9999,Nobody,2026-11-24 14:00,2026-11-26 12:00,,R9",  // unknown room
        ]
        let report = fixture.importer.importExport(Fixture.csv(rows), file: "b.csv")
        #expect(report.outcome == .applied)
        #expect(report.problems.map(\.description) == [
            "b.csv:3: arrival \"2026-02-30 14:00\" is not a real date-time",
            "b.csv:4: room 9999 is not in the rooms file",
        ])
        #expect(try fixture.inHouseRooms() == ["1201", "1202"])  // only 1203 checked out
        #expect(report.checkOuts == 1)
    }

    @Test func fileThatCannotBeParsedIsRejectedAndThePreviousSnapshotStays() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(3)), file: "a.csv")
        let broken = Data("房号,姓名,到店时间,离店时间\r\n1201,\"unterminated,2026-11-24,2026-11-26\r\n".utf8)
        let report = fixture.importer.importExport(broken, file: "b.csv")
        #expect(report.outcome == .rejected)
        #expect(report.reason?.contains("line 2") == true)
        #expect(try fixture.inHouseRooms() == ["1201", "1202", "1203"])
        #expect(try fixture.store.audit().first?.action == "import rejected")
    }

    @Test func missingRequiredColumnRejectsTheFileNamingIt() throws {
        let fixture = try Fixture()
        let report = fixture.importer.importExport(Data("room,guest,arrival\n1201,A,2026-11-24\n".utf8), file: "x.csv")
        #expect(report.outcome == .rejected)
        #expect(report.reason?.contains("no departure column") == true)
    }

    @Test func truncatedExportIsHeldUntilALaterExportConfirmsIt() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(12)), file: "a.csv")
        // Half the hotel vanishes at once: held.
        let held = fixture.importer.importExport(Fixture.csv(Fixture.guests(6)), file: "b.csv")
        #expect(held.outcome == .held)
        #expect(held.reason?.contains("6 of 12") == true)
        #expect(try fixture.inHouseRooms().count == 12)
        #expect(fixture.importer.heldReport?.file == "b.csv")
        // The same rows again (another file, other bytes) are the same export: still held.
        let again = fixture.importer.importExport(Fixture.csv(Fixture.guests(6)), file: "c.csv")
        #expect(again.outcome == .held)
        #expect(try fixture.inHouseRooms().count == 12)
        // A later export with other rows that still lets those six go: confirmed, applied.
        let confirmed = fixture.importer.importExport(Fixture.csv(Fixture.guests(5)), file: "d.csv")
        #expect(confirmed.outcome == .applied && confirmed.checkOuts == 7)
        #expect(try fixture.inHouseRooms().count == 5)
        #expect(fixture.importer.heldReport == nil)
    }

    @Test func heldExportIsDroppedWhenTheNextExportIsWholeAgain() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(12)), file: "a.csv")
        #expect(fixture.importer.importExport(Fixture.csv(Fixture.guests(2)), file: "b.csv").outcome == .held)
        let whole = fixture.importer.importExport(Fixture.csv(Fixture.guests(12)), file: "c.csv")
        #expect(whole.outcome == .applied && whole.checkOuts == 0)
        #expect(fixture.importer.heldReport == nil)
        #expect(try fixture.inHouseRooms().count == 12)
    }

    @Test func operatorCanApplyAHeldExport() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(Fixture.guests(12)), file: "a.csv")
        fixture.importer.importExport(Fixture.csv([]), file: "b.csv")
        let approved = try #require(try fixture.importer.approveHeld(actor: "admin"))
        #expect(approved.checkOuts == 12)
        #expect(try fixture.inHouseRooms().isEmpty)
    }

    @Test func moveCarriesWakeUpsAndDNDToTheNewRoom() throws {
        let fixture = try Fixture()
        fixture.importer.importExport(Fixture.csv(["1201,张伟,2026-11-24 14:00,2026-11-26 12:00,,R1"]), file: "a.csv")
        let stay = try #require(try fixture.store.snapshot().currentStay(in: "1201", at: Fixture.now))
        try fixture.store.save(WakeUpPolicy(id: 1, room: "1201", stayID: stay.id, time: TimeOfDay("06:30")!, recurrence: .once(LocalDate("2026-11-25")!)),
                               actor: "test", at: Fixture.now)
        try fixture.store.save(DNDWindow(id: 1, room: "1201", stayID: stay.id, start: Fixture.now, end: Fixture.now + 3600), actor: "test", at: Fixture.now)
        let report = fixture.importer.importExport(Fixture.csv(["1207,张伟,2026-11-24 14:00,2026-11-26 12:00,,R1"]), file: "b.csv")
        #expect(report.moves == 1 && report.checkOuts == 0 && report.checkIns == 0)
        let snapshot = try fixture.store.snapshot()
        #expect(snapshot.policies[1]?.room == "1207")
        #expect(snapshot.dndWindows[1]?.room == "1207")
        #expect(fixture.changes.all.isSuperset(of: ["1201", "1207"]))
    }

    @Test func statusColumnDecidesWhoIsInHouse() throws {
        let fixture = try Fixture()
        let data = Data("""
            Room;Guest;Arrival;Departure;Status
            1201;Anna;2026-11-24 14:00;2026-11-26 12:00;I
            1202;Ben;2026-11-22 14:00;2026-11-24 12:00;O
            1203;Chen;2026-11-24 14:00;2026-11-26 12:00;reserved
            """.utf8)
        let report = fixture.importer.importExport(data, file: "s.csv")
        #expect(try fixture.inHouseRooms() == ["1201"])
        #expect(report.problems.count == 1 && report.problems[0].reason.contains("reserved"))
    }

    @Test func guestNameWithControlCharactersIsARowErrorNotAWireInjection() throws {
        let fixture = try Fixture()
        let data = Fixture.csv(["1201,\"X\r\nAction: Set\",2026-11-24 14:00,2026-11-26 12:00,,R1"])
        let report = fixture.importer.importExport(data, file: "evil.csv")
        #expect(report.problems.first?.reason.contains("control characters") == true)
        #expect(try fixture.inHouseRooms().isEmpty)
    }

    @Test func configuredColumnsStatusesAndDayFirstDatesAreRead() throws {
        let fixture = try Fixture {
            $0.mapping.room = ["Zimmer"]
            $0.mapping.guest = ["Gast"]
            $0.mapping.arrival = ["Anreise"]
            $0.mapping.departure = ["Abreise"]
            $0.mapping.status = ["Status"]
            $0.mapping.inHouseStatuses = ["anwesend"]
            $0.mapping.departedStatuses = ["abgereist"]
            $0.mapping.dateOrder = .dmy
        }
        let data = Data("""
            Zimmer;Gast;Anreise;Abreise;Status
            1201;Jürgen Müller;24.11.2026 15:00;27.11.2026;anwesend
            1202;Anna Weber;20.11.2026;24.11.2026 10:00;abgereist
            """.utf8)
        let report = fixture.importer.importExport(data, file: "de.csv")
        #expect(report.problems.isEmpty)
        let stays = try fixture.store.inHouse()
        #expect(stays.map(\.guest) == ["Jürgen Müller"])
        let calendar = HotelCalendar(timeZone: Fixture.zone)
        #expect(calendar.wallClock(stays[0].departure).description == "2026-11-27 12:00:00")  // date only: 12:00
        #expect(calendar.wallClock(stays[0].arrival).description == "2026-11-24 15:00:00")
    }

    @Test(arguments: [
        "Room No,Customer,Check-in,Check-out,Confirmation No",
        "Room #,Guest Name,Arrival Date,Departure Date,Reservation Number",
        "RM,Full Name,Check In,Check Out,Booking No",
    ])
    func widelyUsedEnglishHeadersAreRecognisedWithoutConfiguration(header: String) throws {
        let fixture = try Fixture()
        let export = header + "\r\n1201,Smith John,2026-11-24 14:00,2026-11-26 12:00,C77\r\n1202,Müller Anna,2026-11-24,2026-11-27,C78"
        let report = fixture.importer.importExport(Data(export.utf8), file: "english.csv")
        #expect(report.outcome == .applied, "\(report)")
        #expect(report.checkIns == 2)
        #expect(try fixture.store.inHouse().map(\.guest).sorted() == ["Müller Anna", "Smith John"])
    }
}
