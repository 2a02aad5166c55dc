import Foundation
import ReveilleCore
@testable import ReveilleIngest
import ReveilleStore
import Testing

/// Socket events are checked against the hotel's state and ``InputBounds`` (Build 5): a
/// refused event gets `{"ok":false,"error":"field: rule","code":"…"}` and changes nothing. The lines go
/// straight to the listener's handler; `PMSSocketTests` covers the socket itself.
struct PMSSocketStateTests {
    typealias Fixture = IngestFixture
    static let ok = #"{"ok":true}"#

    struct Socket {
        let fixture: Fixture
        let listener: PMSSocketListener

        init(guestsPerRoom: Int = InputBounds.guestsPerRoom) throws {
            fixture = try Fixture { $0.guestsPerRoom = guestsPerRoom }
            listener = PMSSocketListener(path: "/nonexistent/pms.sock", importer: fixture.importer, store: fixture.store,
                                         timeZone: Fixture.zone, logger: Fixture.logger)
        }

        func send(_ line: String) -> String { listener.handle(line) }

        func checkIn(_ room: String, _ guest: String, at arrival: String = "2026-11-24T15:00", booking: String? = nil,
                     replace: Bool = false) -> String {
            send(#"{"event":"checkin","room":"\#(room)","guest":"\#(guest)","arrival":"\#(arrival)","departure":"2026-11-27T12:00""#
                + (booking.map { #","booking":"\#($0)""# } ?? "") + (replace ? #","replace":true"# : "") + "}")
        }

        /// Room → guests of the in-house stays (two in one room joined by " + ").
        func guests() throws -> [String: String] {
            Dictionary(try fixture.store.inHouse().sorted { $0.guest < $1.guest }.map { ($0.room, $0.guest) }, uniquingKeysWith: { $0 + " + " + $1 })
        }

        /// Everything a refused event must leave as it was: the stays and the audit log.
        func state() throws -> [String] {
            try fixture.store.snapshot().stays.values.sorted { $0.id < $1.id }.map { "\($0)" } + [String(try fixture.store.audit(limit: 10_000).count)]
        }
    }

    /// A shared room (the CSV's rule): a second guest joins the first; a check-in into a full room
    /// is refused and changes nothing.
    @Test func checkInIntoAnOccupiedRoomSharesItUntilTheRoomIsFull() throws {
        let socket = try Socket(guestsPerRoom: 2)
        #expect(socket.checkIn("1201", "Anna") == Self.ok)
        #expect(socket.checkIn("1201", "Ben", at: "2026-11-24T16:00") == Self.ok)
        #expect(try socket.guests() == ["1201": "Anna + Ben"])
        let before = try socket.state()
        #expect(socket.checkIn("1201", "Carl", at: "2026-11-24T17:00")
            == #"{"ok":false,"error":"room: room 1201 is full (2 of 2 guests in house, ingest.guestsPerRoom): check one out first, or send \"replace\": true","code":"roomFull"}"#)
        #expect(try socket.state() == before)
    }

    @Test func inASharedRoomACheckOutNamesItsGuestAndLeavesTheOther() throws {
        let socket = try Socket()
        #expect(socket.checkIn("1201", "Anna", booking: "R1") == Self.ok)
        #expect(socket.checkIn("1201", "Ben", at: "2026-11-24T16:00", booking: "R2") == Self.ok)
        let before = try socket.state()
        #expect(socket.send(#"{"event":"checkout","room":"1201"}"#)
            == #"{"ok":false,"error":"booking: room 1201 has 2 guests in house: name one by booking","code":"guestAmbiguous"}"#)
        #expect(socket.send(#"{"event":"checkout","room":"1201","guest":"Zed"}"#)
            == #"{"ok":false,"error":"booking: room 1201 has 2 guests in house: name one by booking or by guest (no guest of that name is in the room)","code":"guestAmbiguous"}"#)
        #expect(try socket.state() == before)
        #expect(socket.send(#"{"event":"checkout","room":"1201","guest":"Anna"}"#) == Self.ok)
        #expect(try socket.guests() == ["1201": "Ben"])
        #expect(socket.send(#"{"event":"checkout","room":"1201"}"#) == Self.ok)  // the only one left
        #expect(try socket.guests().isEmpty)
    }

    @Test func checkInWithReplaceChecksTheOccupantOutFirst() throws {
        let socket = try Socket()
        #expect(socket.checkIn("1201", "Anna") == Self.ok)
        let anna = try #require(try socket.fixture.store.snapshot().currentStay(in: "1201", at: Fixture.now))
        #expect(socket.checkIn("1201", "Ben", at: "2026-11-24T16:00", replace: true) == Self.ok)
        #expect(try socket.guests() == ["1201": "Ben"])
        #expect(try socket.fixture.store.snapshot().stays[anna.id]?.status == .checkedOut)
        #expect(try socket.fixture.store.audit().contains { $0.action == "check-out" && $0.entityID == "\(anna.id)" && $0.actor == "pms:socket" })
    }

    @Test func checkInOfTheStayAlreadyInTheRoomIsAnUpdate() throws {
        let socket = try Socket()
        #expect(socket.checkIn("1201", "Anna", booking: "R1") == Self.ok)
        #expect(socket.checkIn("1201", "Anna", booking: "R1") == Self.ok)
        // Without a booking number the same room and arrival is the same stay: a corrected name.
        #expect(socket.checkIn("1202", "Chen") == Self.ok)
        #expect(socket.checkIn("1202", "Chen Li") == Self.ok)
        #expect(try socket.fixture.store.snapshot().stays.count == 2)
        #expect(try socket.guests() == ["1201": "Anna", "1202": "Chen Li"])
    }

    @Test func checkInsOfOneBookingIntoSeveralRoomsKeepEveryRoom() throws {
        let socket = try Socket()
        for room in ["1201", "1202", "1203"] { #expect(socket.checkIn(room, "Tour leader", booking: "T7") == Self.ok) }
        #expect(try socket.guests().keys.sorted() == ["1201", "1202", "1203"])
        #expect(socket.send(#"{"event":"checkout","room":"1202","booking":"T7"}"#) == Self.ok)
        #expect(try socket.guests().keys.sorted() == ["1201", "1203"])
    }

    @Test func moveIntoAFullRoomIsRefusedUnlessReplaceIsGiven() throws {
        let socket = try Socket(guestsPerRoom: 1)
        #expect(socket.checkIn("1201", "Anna") == Self.ok)
        #expect(socket.checkIn("1202", "Ben") == Self.ok)  // the same arrival: the key Anna's stay would have in 1202
        let before = try socket.state()
        #expect(socket.send(#"{"event":"move","from":"1201","to":"1202"}"#)
            == #"{"ok":false,"error":"to: room 1202 is full (1 of 1 guests in house, ingest.guestsPerRoom): check one out first, or send \"replace\": true","code":"roomFull"}"#)
        #expect(try socket.state() == before)
        #expect(socket.send(#"{"event":"move","from":"1201","to":"1202","replace":true}"#) == Self.ok)
        #expect(try socket.guests() == ["1202": "Anna"])
    }

    @Test func bookingThatDoesNotMatchTheRoomIsRefusedAndChangesNothing() throws {
        let socket = try Socket()
        #expect(socket.checkIn("1201", "Anna", booking: "R1") == Self.ok)
        #expect(socket.checkIn("1202", "Ben", booking: "R2") == Self.ok)
        let before = try socket.state()
        #expect(socket.send(#"{"event":"checkout","room":"1201","booking":"R2"}"#)
            == #"{"ok":false,"error":"booking: R2 does not match room: no guest of that booking is in room 1201","code":"bookingMismatch"}"#)
        #expect(socket.send(#"{"event":"update","room":"1201","booking":"R2","guest":"Mallory"}"#)
            == #"{"ok":false,"error":"booking: R2 does not match room: no guest of that booking is in room 1201","code":"bookingMismatch"}"#)
        #expect(socket.send(#"{"event":"move","from":"1201","to":"1205","booking":"R2"}"#)
            == #"{"ok":false,"error":"booking: R2 does not match from: no guest of that booking is in room 1201","code":"bookingMismatch"}"#)
        #expect(try socket.state() == before)
        #expect(try socket.guests() == ["1201": "Anna", "1202": "Ben"])
        // With the right booking each acts on its own room.
        #expect(socket.send(#"{"event":"move","from":"1202","to":"1205","booking":"R2"}"#) == Self.ok)
        #expect(socket.send(#"{"event":"checkout","room":"1201","booking":"R1"}"#) == Self.ok)
        #expect(try socket.guests() == ["1205": "Ben"])
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var line: String
        var error: String
        var testDescription: String { error }
    }

    static let long = String(repeating: "x", count: 33)
    static let checkin = #"{"event":"checkin","room":"1201","guest":"A","arrival":"2026-11-24T15:00","departure":"2026-11-25T12:00""#

    @Test(arguments: [
        Refusal(line: #"{"event":"checkin","room":"1201","guest":"\#(String(repeating: "名", count: 65))","arrival":"2026-11-24T15:00","departure":"2026-11-25T12:00"}"#,
                error: "guest: must be at most 64 characters (has 65)"),
        Refusal(line: #"{"event":"checkin","room":"\#(long)","guest":"A","arrival":"2026-11-24T15:00","departure":"2026-11-25T12:00"}"#,
                error: "room: must be at most 32 characters (has 33)"),
        Refusal(line: checkin + #","booking":"\#(long)"}"#, error: "booking: must be at most 32 characters (has 33)"),
        Refusal(line: checkin + #","group":"\#(long)"}"#, error: "group: must be at most 32 characters (has 33)"),
        Refusal(line: #"{"event":"checkin","room":"1201","guest":"A","arrival":"2025-10-20T14:00","departure":"2026-11-25T12:00"}"#,
                error: "arrival: must lie between 400 day(s) ago and 400 days from now"),
        Refusal(line: #"{"event":"checkin","room":"1201","guest":"A","arrival":"2026-11-24T15:00","departure":"2027-12-30T12:00"}"#,
                error: "departure: must lie between 400 day(s) ago and 400 days from now"),
        Refusal(line: #"{"event":"checkin","room":"1201","guest":"A\u0007","arrival":"2026-11-24T15:00","departure":"2026-11-25T12:00"}"#,
                error: "guest: must not contain CR, LF or other control characters (§1)"),
        Refusal(line: #"{"event":"checkin","room":"1201","guest":"A","arrival":"99999-12-31T23:59","departure":"2026-11-25T12:00"}"#,
                error: "arrival: \"99999-12-31T23:59\" is not a date-time yyyy-MM-ddTHH:mm"),
        Refusal(line: #"{"event":"checkin","room":1201,"guest":"A"}"#, error: "room: must be a string"),
        Refusal(line: #"{"event":"checkin","room":"1201","guest":["A"]}"#, error: "guest: must be a string"),
        Refusal(line: checkin + #","replace":"yes"}"#, error: "replace: must be true or false"),
        Refusal(line: #"{"event":null}"#, error: "event: is required"),
        Refusal(line: #"{"room":"1201"}"#, error: "event: is required"),
        Refusal(line: #"{"event":7}"#, error: "event: must be a string"),
        Refusal(line: #"{"event":"\#(String(repeating: "e", count: 5000))"}"#,
                error: #"event: "\#(String(repeating: "e", count: 32))…" is not one of checkin, checkout, move, update"#),
        Refusal(line: #"[1,2,3]"#, error: #"line: not a JSON event object with an "event" field"#),
        Refusal(line: #""checkin""#, error: #"line: not a JSON event object with an "event" field"#),
        Refusal(line: "null", error: #"line: not a JSON event object with an "event" field"#),
        Refusal(line: "1e999999", error: #"line: not a JSON event object with an "event" field"#),
        Refusal(line: String(repeating: "[", count: 100_000), error: #"line: not a JSON event object with an "event" field"#),
        Refusal(line: #"{"event":"checkin","room":"1201","guest":"A","arrival":18446744073709551616}"#, error: "arrival: must be a string"),
        Refusal(line: #"{"event":"checkout","room":"1201","booking":"\#(long)"}"#, error: "booking: must be at most 32 characters (has 33)"),
        Refusal(line: #"{"event":"update","room":"1201","guest":""}"#, error: "room: room 1201 has no guest in house"),
    ])
    func valuesOutOfBoundsOrOfTheWrongShapeAreRefusedNamingTheFieldAndChangeNothing(_ refusal: Refusal) throws {
        let socket = try Socket()
        let before = try socket.state()
        let reply = socket.send(refusal.line)
        let expected = String(decoding: try JSONEncoder().encode(["error": refusal.error]), as: UTF8.self)
        #expect(reply.hasPrefix(#"{"ok":false,"# + expected.dropFirst().dropLast() + #","code":""#), "\(reply)")
        #expect(try socket.state() == before)
    }

    @Test func updateOutOfBoundsIsRefusedAndTheGuestKeepsTheStay() throws {
        let socket = try Socket()
        #expect(socket.checkIn("1201", "Anna") == Self.ok)
        let before = try socket.state()
        #expect(socket.send(#"{"event":"update","room":"1201","guest":""}"#) == #"{"ok":false,"error":"guest: must not be empty","code":"empty"}"#)
        #expect(socket.send(#"{"event":"update","room":"1201","departure":"2030-12-31T12:00"}"#)
            == #"{"ok":false,"error":"departure: must lie between 400 day(s) ago and 400 days from now","code":"instantOutOfSpan"}"#)
        #expect(try socket.state() == before)
    }
}
