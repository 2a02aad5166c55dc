import Foundation
import Hummingbird
import PBXProtocol
import ReveilleAPIContract

/// Each room's view as last encoded, with its JSON: a list built after a change encodes only the
/// rooms whose view changed and copies the others' bytes. (JSON encoding was two thirds of building
/// `/api/rooms` at 5,000 rooms: docs/PERFORMANCE.md.) A view is reused only when it is equal to the
/// one encoded, so a cached room is never stale; the list is the array the encoder would write:
/// `[`, the rooms' JSON joined by `,`, `]` (no whitespace, keys sorted).
final class RoomViewCache: Sendable {
    private let views = Locked<[String: (view: API.Room, json: Data)]>([:])

    /// The JSON array of `rooms`, in their order. `all`: these are every room of the hotel, so a
    /// room that is no longer among them is forgotten.
    func encode(_ rooms: [API.Room], all: Bool) throws -> ByteBuffer {
        let cached = views.withLock { $0 }
        let encoder = API.encoder()
        var changed: [String: (view: API.Room, json: Data)] = [:]
        var parts: [Data] = []
        parts.reserveCapacity(rooms.count)
        for room in rooms {
            if let hit = cached[room.number], hit.view == room {
                parts.append(hit.json)
            } else {
                let json = try encoder.encode(room)
                changed[room.number] = (room, json)
                parts.append(json)
            }
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(parts.reduce(2 + parts.count) { $0 + $1.count })
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, json) in parts.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeBytes(json)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
        let numbers = all ? Set(rooms.map(\.number)) : nil
        views.withLock { views in
            if let numbers { views = views.filter { numbers.contains($0.key) } }
            views.merge(changed) { _, new in new }
        }
        return buffer
    }
}
