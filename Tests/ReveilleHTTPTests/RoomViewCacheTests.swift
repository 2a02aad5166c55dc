import Foundation
import Hummingbird
import ReveilleAPIContract
import Testing

@testable import ReveilleHTTP

/// Each room's JSON is reused while its view is equal, and the ledger of whole builds answers
/// "what changed since this tag": changed rooms, rooms gone, nothing for the current tag, and
/// nothing known for a tag never built.
struct RoomViewCacheTests {
    static func room(_ number: String, guest: String? = nil) -> API.Room {
        API.Room(
            number: number, phone: "8" + number, floor: 12, wing: nil, tags: [], outOfOrder: false,
            guest: guest.map { API.Room.Guest(stayID: 1, name: $0, arrival: "2026-11-24T14:00", departure: "2026-11-27T12:00") },
            desired: API.Room.Desired(alarmClock: "", wakeUps: [], dnd: API.DNDState(use: false), name: guest ?? "", callClass: 1),
            inSync: true)
    }

    @Test func aWholeBuildIsTheEncodersArrayAndTheLedgerNamesWhatChangedSinceATag() throws {
        let cache = RoomViewCache()
        let first = [Self.room("1201"), Self.room("1202"), Self.room("1203", guest: "张伟")]
        let body = try cache.encodeAll(tag: "t1") { first }
        #expect(Data(buffer: body) == (try API.encoder().encode(first)))
        #expect(cache.changes(since: "t1")?.rooms.isEmpty == true)
        // 1201 gets a guest, 1203 leaves the hotel, 1204 is new.
        let second = [Self.room("1201", guest: "Zoë"), Self.room("1202"), Self.room("1204")]
        let again = try cache.encodeAll(tag: "t2") { second }
        #expect(Data(buffer: again) == (try API.encoder().encode(second)))
        let changes = try #require(cache.changes(since: "t1"))
        #expect(changes.current == "t2")
        #expect(try changes.rooms.map { try API.decoder().decode(API.Room.self, from: $0) } == [second[0], second[2]])
        #expect(changes.removed == ["1203"])
        #expect(cache.changes(since: "t2")?.rooms.isEmpty == true && cache.changes(since: "t2")?.removed.isEmpty == true)
        #expect(cache.changes(since: "never") == nil)
        // A floor's list reuses and updates the same JSON, but is not a whole build.
        let floor = try cache.encode([Self.room("1202", guest: "Ana")])
        #expect(Data(buffer: floor) == (try API.encoder().encode([Self.room("1202", guest: "Ana")])))
        #expect(cache.changes(since: "t2")?.rooms.isEmpty == true)
    }
}
