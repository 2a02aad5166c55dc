import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ReveilleAPIContract
import ReveilleHTTP
import Testing

/// Polling that costs nothing when nothing changed: `/api/rooms` and `/api/status` carry an ETag
/// and answer 304 to it until the data or the minute changes; and reads go on while another
/// connection holds the database's write lock (WAL).
struct PollingTests {
    static func conditional(_ client: some TestClientProtocol, _ path: String, etag: String) async throws -> TestResponse {
        var headers = APITests.headersFor(APITests.reception)
        headers[.ifNoneMatch] = etag
        return try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
    }

    @Test(arguments: ["/api/rooms", "/api/status"])
    func anUnchangedPollIs304AndAChangeIsSeen(path: String) async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let first = try await client.send(path, .get, token: APITests.reception)
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag])
            let again = try await Self.conditional(client, path, etag: etag)
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)
            // A booking changes the rooms (a planned wake-up) and the status (a push waiting).
            let booked = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception, body: #"{"time":"21:30"}"#)
            #expect(booked.status == .created)
            let changed = try await Self.conditional(client, path, etag: etag)
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
            if path == "/api/rooms" { #expect(String(buffer: changed.body).contains("21:30")) }
        }
    }

    /// The list reuses each unchanged room's JSON: it must be exactly the array the encoder writes,
    /// and a changed room (booked between two lists, seen first through its floor) is never stale.
    @Test func aListBuiltFromEachRoomsLastJSONIsTheEncodersArrayAndShowsTheChange() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            func exact(_ path: String) async throws -> [API.Room] {
                let response = try await client.send(path, .get, token: APITests.reception)
                let bytes = Data(buffer: response.body)
                let rooms = try API.decoder().decode([API.Room].self, from: bytes)
                #expect(try API.encoder().encode(rooms) == bytes, "\(path) is not the encoder's array")
                return rooms
            }
            let before = try await exact("/api/rooms")
            #expect(before.count > 2)
            let booked = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception, body: #"{"time":"21:30"}"#)
            #expect(booked.status == .created)
            let floor = try await exact("/api/rooms?floor=12")
            #expect(floor.first { $0.number == "1201" }?.desired.wakeUps.map(\.time) == ["21:30"])
            let after = try await exact("/api/rooms")
            #expect(after.first { $0.number == "1201" }?.desired.wakeUps.map(\.time) == ["21:30"])
            #expect(after.filter { $0.number != "1201" } == before.filter { $0.number != "1201" })
        }
    }

    /// The changes form: a page sends the tag it has and gets the rooms changed since (every
    /// room, `complete`, for an unknown, absent or absurd tag); the tag is `/api/rooms`' ETag.
    @Test func roomChangesSinceATagHoldTheChangedRoomsOnly() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            func changes(_ since: String?) async throws -> API.RoomChanges {
                let query = since.map { "?since=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
                let response = try await client.send("/api/room-changes" + query, .get, token: APITests.reception)
                #expect(response.status == .ok)
                return try API.decoder().decode(API.RoomChanges.self, from: Data(buffer: response.body))
            }
            let list = try await client.send("/api/rooms", .get, token: APITests.reception)
            let all = try API.decoder().decode([API.Room].self, from: Data(buffer: list.body))
            let first = try await changes(nil)
            #expect(first.complete && first.rooms == all && first.removed.isEmpty)
            #expect("\"\(first.tag)\"" == list.headers[.eTag])
            // Nothing changed: nothing sent; the list's quoted ETag is accepted as well.
            let quiet = try await changes("\"\(first.tag)\"")
            #expect(!quiet.complete && quiet.rooms.isEmpty && quiet.tag == first.tag)
            let booked = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception, body: #"{"time":"21:30"}"#)
            #expect(booked.status == .created)
            let after = try await changes(first.tag)
            #expect(!after.complete && after.tag != first.tag)
            #expect(after.rooms.map(\.number) == ["1201"])
            #expect(after.rooms.first?.desired.wakeUps.map(\.time) == ["21:30"])
            // The next ask from the new tag: nothing new.
            #expect(try await changes(after.tag).rooms.isEmpty)
            // A tag never given, or absurd, gets every room.
            for unknown in ["rooms-999999-1", "", String(repeating: "x", count: 4_000), "\u{0}\r\n"] {
                let reply = try await changes(unknown)
                #expect(reply.complete && reply.rooms.count == all.count, "since=\(unknown.prefix(20).debugDescription)")
            }
        }
    }

    @Test func aFloorListsItsRoomsOnlyWithItsOwnTagAndABadFloorIsRefused() async throws {
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            let twelve = try await client.send("/api/rooms?floor=12", .get, token: APITests.reception)
            #expect(twelve.status == .ok)
            #expect(try APITests.array(twelve).compactMap { $0["number"] as? String } == ["1201", "1202", "1203", "1204"])
            let thirteen = try await client.send("/api/rooms?floor=13", .get, token: APITests.reception)
            #expect(try APITests.array(thirteen).compactMap { $0["number"] as? String } == ["1301"])
            #expect(try APITests.array(try await client.send("/api/rooms?floor=99", .get, token: APITests.reception)).isEmpty)
            // The floor's own tag: unchanged, a 304; the whole list's tag is another.
            let etag = try #require(twelve.headers[.eTag])
            #expect(try await Self.conditional(client, "/api/rooms?floor=12", etag: etag).status == .notModified)
            #expect(try await Self.conditional(client, "/api/rooms", etag: etag).status == .ok)
            for bad in ["abc", "301", "-21", "1.5", ""] {
                let refused = try await client.send("/api/rooms?floor=\(bad)", .get, token: APITests.reception)
                #expect(refused.status == .badRequest, "floor=\(bad)")
                #expect(try APITests.error(refused)["field"] as? String == "floor")
            }
        }
    }

    @Test func roomsAreReadWhileAnotherConnectionHoldsTheWriteLock() async throws {
        let fixture = try APITests.Fixture()
        // Another process's sqlite3 or a backup tool: a second connection holds the write lock until
        // the reads below are answered.
        let lock = try StoreThreadsTests.HeldLock(fixture.store.database.path)
        defer { lock.releaseOnce() }
        try await fixture.test { client in
            let rooms = try await client.send("/api/rooms", .get, token: APITests.reception)
            #expect(rooms.status == .ok)
            #expect(String(buffer: rooms.body).contains("张伟"))
            let link = try await client.send("/api/link", .get, token: APITests.reception)
            #expect(link.status == .ok)
        }
    }
}
