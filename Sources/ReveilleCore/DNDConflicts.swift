import Foundation
import PBXProtocol

/// A wake-up that rings inside its room's DND window (§4.3 Decision). With
/// `hotel.dndEndsAtWakeUp` (the default) the window sent to the PBX ends at the first such ring, so
/// it rings and DND is cut short; without it the window is kept whole and a stricter PBX will not
/// ring. Either way whoever creates the overlap is told.
public struct DNDConflict: Hashable, Sendable {
    public var room: String
    /// The ring inside the window.
    public var at: Date
    public var source: WakeUpSource

    public init(room: String, at: Date, source: WakeUpSource) {
        self.room = room
        self.at = at
        self.source = source
    }
}

extension Planner {
    /// The wake-ups of `rooms` that ring inside the DND window the rooms' guests asked for (windows
    /// and rules, before any cut at a wake-up), in room and time order.
    public func dndConflicts(rooms: some Sequence<String>, in snapshot: HotelSnapshot, now: Date) -> [DNDConflict] {
        var whole = settings
        whole.dndEndsAtWakeUp = false
        return Planner(settings: whole).desired(rooms: rooms, in: snapshot, now: now).sorted { $0.room < $1.room }.flatMap { desired in
            guard case .on(let start, let end) = desired.dnd else { return [DNDConflict]() }
            let from = calendar.instant(start)
            let to = calendar.instant(end)
            return desired.wakeUps.filter { $0.at >= from && $0.at < to }.map { DNDConflict(room: desired.room, at: $0.at, source: $0.source) }
        }
    }

    /// The wake-ups of `room` that ring inside its DND window (reported when a wake-up is booked).
    public func wakeUpsInsideDND(room: String, in snapshot: HotelSnapshot, now: Date) -> [DNDConflict] {
        dndConflicts(rooms: [room], in: snapshot, now: now)
    }
}
