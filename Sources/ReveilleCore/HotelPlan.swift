import Foundation

/// One plan of the hotel, or of some of its rooms, at one time: what the planner wants of each
/// extension, with the snapshot it was made from and what the PBX acknowledged for those
/// extensions. The push scheduler makes it and publishes it; the occurrence recorder records the
/// same plan instead of reading and planning the change again (one plan per change).
public struct HotelPlan: Sendable {
    /// The rooms planned; `nil`: the whole hotel (then a room missing from ``desired`` has nothing planned).
    public var rooms: Set<String>?
    /// When it was planned.
    public var time: Date
    public var snapshot: HotelSnapshot
    public var desired: [DesiredExtension]
    /// What the PBX acknowledged for the planned extensions, by extension.
    public var acknowledged: [String: AcknowledgedExtension]

    /// Plans `rooms` (`nil`: every room) of `snapshot` at `time` with `planner`.
    public init(rooms: Set<String>?, time: Date, snapshot: HotelSnapshot, acknowledged: [String: AcknowledgedExtension], planner: Planner) {
        self.rooms = rooms
        self.time = time
        self.snapshot = snapshot
        self.acknowledged = acknowledged
        desired = rooms.map { planner.desired(rooms: $0, in: snapshot, now: time) } ?? planner.desired(snapshot, now: time)
    }

    /// The extensions of the planned rooms (`nil` for the whole hotel): the scope of the outbox the plan replaces.
    public var phones: Set<String>? {
        rooms.map { Set($0.compactMap { snapshot.rooms[$0]?.phone }) }
    }
}
