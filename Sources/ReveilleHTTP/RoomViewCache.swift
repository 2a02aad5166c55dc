import Foundation
import Hummingbird
import PBXProtocol
import ReveilleAPIContract

/// Each room's JSON as last encoded, with the hash of the view it encodes: a list built after a
/// change encodes only the rooms whose view changed and copies the others' bytes. (JSON encoding
/// was two thirds of building `/api/rooms` at 5,000 rooms: docs/PERFORMANCE.md.) A room's bytes are
/// reused only when its view hashes as the encoded one did: Swift's `Hasher` (SipHash-1-3, 64 bits,
/// keyed at random per process), so a changed room is missed with a chance of 2⁻⁶⁴ per build, and
/// nobody outside the process can make two views collide. Keeping the hash instead of the view
/// saves the views themselves (6 MB of the heap at 5,000 rooms, measured with heaptrack); the list
/// is the array the encoder would write: `[`, the rooms' JSON joined by `,`, `]` (no whitespace,
/// keys sorted).
///
/// It also keeps the ledger of the whole lists built, for `GET /api/room-changes`: each build of the
/// whole hotel is numbered, each room remembers the build in which its JSON last changed, and the
/// tags of the last builds are kept with their numbers. Whole builds are taken one at a time
/// (``encodeAll(_:tag:)``), so the ledger follows them in order.
final class RoomViewCache: Sendable {
    private struct Ledger {
        var build: UInt64 = 0
        /// Each room's JSON in the last whole build, the hash of its view, and the build in which it last changed.
        var rooms: [String: (json: Data, viewHash: Int, changedIn: UInt64)] = [:]
        /// Rooms gone from the hotel, with the build that no longer had them.
        var removed: [String: UInt64] = [:]
        /// The tags of the last ``keptTags`` whole builds, oldest first (a tag built twice keeps its first build).
        var tags: [(tag: String, build: UInt64)] = []
    }

    /// How many whole builds a `since` tag may lie back (one per change or minute: an hour's worth
    /// at a busy desk); an older tag gets every room.
    static let keptTags = 256

    private let views = Locked<[String: (viewHash: Int, json: Data)]>([:])
    private let ledger = Locked(Ledger())
    /// Held for a whole build: the ledger follows the builds in order.
    private let wholeBuild = Locked(())

    /// The JSON array of `rooms` (some of them: a floor), in their order.
    func encode(_ rooms: [API.Room]) throws -> ByteBuffer {
        Self.array(try json(of: rooms, all: false).map(\.json))
    }

    /// The JSON array of every room, built by `rooms()` under the whole-build lock, recorded in the
    /// ledger as `tag`'s build.
    func encodeAll(tag: String, _ rooms: () throws -> [API.Room]) throws -> ByteBuffer {
        try wholeBuild.withLock { _ in
            let built = try rooms()
            let parts = try json(of: built, all: true)
            ledger.withLock { ledger in
                ledger.build += 1
                var seen = Set<String>()
                for (room, part) in zip(built, parts) {
                    seen.insert(room.number)
                    if ledger.rooms[room.number]?.viewHash != part.viewHash {
                        ledger.rooms[room.number] = (part.json, part.viewHash, ledger.build)
                        ledger.removed[room.number] = nil
                    }
                }
                for number in ledger.rooms.keys where !seen.contains(number) {
                    ledger.rooms[number] = nil
                    ledger.removed[number] = ledger.build
                }
                if !ledger.tags.contains(where: { $0.tag == tag }) { ledger.tags.append((tag, ledger.build)) }
                if ledger.tags.count > Self.keptTags {
                    ledger.tags.removeFirst(ledger.tags.count - Self.keptTags)
                    let oldest = ledger.tags.first?.build ?? 0
                    ledger.removed = ledger.removed.filter { $0.value > oldest }
                }
            }
            return Self.array(parts.map(\.json))
        }
    }

    /// The rooms changed since the whole build tagged `since`, as of the last whole build (`nil`:
    /// the tag is unknown or too old). `current`: that build's tag.
    func changes(since: String) -> (current: String, rooms: [Data], removed: [String])? {
        ledger.withLock { ledger in
            guard let current = ledger.tags.last?.tag, let from = ledger.tags.first(where: { $0.tag == since })?.build else { return nil }
            let changed = ledger.rooms.filter { $0.value.changedIn > from }.sorted { Self.roomOrder($0.key, $1.key) }
            let removed = ledger.removed.filter { $0.value > from }.keys.sorted(by: Self.roomOrder)
            return (current, changed.map(\.value.json), removed)
        }
    }

    /// The JSON of each room and the hash of its view, reusing the bytes of a room whose view is unchanged.
    private func json(of rooms: [API.Room], all: Bool) throws -> [(viewHash: Int, json: Data)] {
        let cached = views.withLock { $0 }
        let encoder = API.encoder()
        var changed: [String: (viewHash: Int, json: Data)] = [:]
        var parts: [(viewHash: Int, json: Data)] = []
        parts.reserveCapacity(rooms.count)
        for room in rooms {
            let viewHash = room.hashValue
            if let hit = cached[room.number], hit.viewHash == viewHash {
                parts.append(hit)
            } else {
                let json = try encoder.encode(room)
                changed[room.number] = (viewHash, json)
                parts.append((viewHash, json))
            }
        }
        // A whole build forgets rooms no longer in the hotel (rare: only those keys go).
        let gone = all && cached.count > rooms.count - changed.count
            ? Set(cached.keys).subtracting(rooms.map(\.number)) : []
        views.withLock { views in
            for number in gone { views[number] = nil }
            views.merge(changed) { _, new in new }
        }
        return parts
    }

    /// `[`, the parts joined by `,`, `]`: the array the encoder writes.
    static func array(_ parts: [Data]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(parts.reduce(2 + parts.count) { $0 + $1.count })
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, json) in parts.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeBytes(json)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
        return buffer
    }

    /// The API's room order (the rooms list is sorted by number as text).
    private static func roomOrder(_ a: String, _ b: String) -> Bool { a < b }
}
