import Foundation

/// Everything the planner reads, indexed by room so that one room is planned without looking at
/// the others.
public struct HotelSnapshot: Sendable {
    public private(set) var rooms: [String: Room] = [:]
    public private(set) var stays: [Int64: Stay] = [:]
    public private(set) var policies: [Int64: WakeUpPolicy] = [:]
    public private(set) var groups: [Int64: GroupWakeUp] = [:]
    public private(set) var dndWindows: [Int64: DNDWindow] = [:]
    public private(set) var rules: [DNDRule] = []
    /// The wake-ups being caught up, by room.
    public private(set) var catchUps: [String: [CatchUp]] = [:]
    /// The personal calls reception acknowledged (room and the call's time): their backup is off.
    public var personalCallsDone: Set<OccurrenceKey> = []

    private var staysByRoom: [String: [Int64]] = [:]
    private var staysByGroupCode: [String: Set<Int64>] = [:]
    private var policiesByRoom: [String: [Int64]] = [:]
    private var groupsByRoom: [String: Set<Int64>] = [:]
    private var groupsByCode: [String: Set<Int64>] = [:]
    private var windowsByRoom: [String: [Int64]] = [:]

    public init(
        rooms: [Room] = [], stays: [Stay] = [], policies: [WakeUpPolicy] = [], groups: [GroupWakeUp] = [],
        dndWindows: [DNDWindow] = [], rules: [DNDRule] = [], catchUps: [CatchUp] = [], personalCallsDone: Set<OccurrenceKey> = []
    ) {
        self.personalCallsDone = personalCallsDone
        self.catchUps = Dictionary(grouping: catchUps, by: \.room)
        for room in rooms { upsert(room) }
        for stay in stays { upsert(stay) }
        for policy in policies { upsert(policy) }
        for group in groups { upsert(group) }
        for window in dndWindows { upsert(window) }
        self.rules = rules.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
    }

    // MARK: - Changes (each returns the rooms whose desired state may have changed)

    @discardableResult
    public mutating func upsert(_ room: Room) -> Set<String> {
        rooms[room.number] = room
        return [room.number]
    }

    @discardableResult
    public mutating func upsert(_ stay: Stay) -> Set<String> {
        if let code = stays[stay.id]?.groupCode { staysByGroupCode[code]?.remove(stay.id) }
        if let code = stay.groupCode { staysByGroupCode[code, default: []].insert(stay.id) }
        return Self.upsert(stay, records: &stays, byRoom: &staysByRoom)
    }

    @discardableResult
    public mutating func upsert(_ policy: WakeUpPolicy) -> Set<String> {
        Self.upsert(policy, records: &policies, byRoom: &policiesByRoom)
    }

    @discardableResult
    public mutating func upsert(_ group: GroupWakeUp) -> Set<String> {
        var affected = Set<String>()
        if groups[group.id] != nil { affected.formUnion(removeGroup(group.id)) }
        groups[group.id] = group
        switch group.members {
        case .rooms(let rooms):
            for room in rooms { groupsByRoom[room, default: []].insert(group.id) }
        case .bookingGroup(let code):
            groupsByCode[code, default: []].insert(group.id)
        }
        return affected.union(memberRooms(of: group))
    }

    private mutating func removeGroup(_ id: Int64) -> Set<String> {
        guard let old = groups.removeValue(forKey: id) else { return [] }
        switch old.members {
        case .rooms(let rooms):
            for room in rooms { groupsByRoom[room]?.remove(id) }
        case .bookingGroup(let code):
            groupsByCode[code]?.remove(id)
        }
        return memberRooms(of: old)
    }

    @discardableResult
    public mutating func upsert(_ window: DNDWindow) -> Set<String> {
        Self.upsert(window, records: &dndWindows, byRoom: &windowsByRoom)
    }

    /// Stores `record` by its id and keeps the room index in step; returns its room before and after.
    private static func upsert<Record: RoomBound>(
        _ record: Record, records: inout [Int64: Record], byRoom: inout [String: [Int64]]
    ) -> Set<String> {
        var affected: Set<String> = [record.room]
        if let old = records[record.id] {
            affected.insert(old.room)
            byRoom[old.room]?.removeAll { $0 == record.id }
        }
        records[record.id] = record
        byRoom[record.room, default: []].append(record.id)
        return affected
    }

    /// Replaces the rules; every room may be affected.
    /// Replaces the wake-ups being caught up.
    public mutating func setCatchUps(_ catchUps: [CatchUp]) {
        self.catchUps = Dictionary(grouping: catchUps, by: \.room)
    }

    public mutating func setRules(_ rules: [DNDRule]) {
        self.rules = rules.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
    }

    // MARK: - Lookups

    public func stays(in room: String) -> [Stay] {
        (staysByRoom[room] ?? []).compactMap { stays[$0] }
    }

    /// The stay in `room` at `now`, if any (the latest arrival wins if the PMS overlaps two).
    public func currentStay(in room: String, at now: Date) -> Stay? {
        stays(in: room).filter { $0.isInHouse(at: now) }.max { ($0.arrival, $0.id) < ($1.arrival, $1.id) }
    }

    /// Every stay in `room` at `now` (a shared room holds several: colleagues, a tour's room-mates,
    /// a guest joining later), earliest arrival first.
    public func currentStays(in room: String, at now: Date) -> [Stay] {
        stays(in: room).filter { $0.isInHouse(at: now) }.sorted { ($0.arrival, $0.id) < ($1.arrival, $1.id) }
    }

    /// Every guest the PMS has in `room`, the primary guest first: the stays under way by arrival
    /// (earliest first), then those past their scheduled departure that the PMS has not checked
    /// out yet (a late check-out keeps the outside line until the PMS checks the guest out).
    /// Wake-ups and DND windows still end at each stay's departure (``currentStays(in:at:)``).
    public func occupants(of room: String, at now: Date) -> [Stay] {
        let late = stays(in: room).filter { $0.status == .inHouse && !$0.isInHouse(at: now) }
            .sorted { ($0.arrival, $0.id) < ($1.arrival, $1.id) }
        return currentStays(in: room, at: now) + late
    }

    /// The primary guest of `room` (``occupants(of:at:)``'s first): the extension shows this name.
    public func occupant(of room: String, at now: Date) -> Stay? {
        occupants(of: room, at: now).first
    }

    public func policies(for room: String) -> [WakeUpPolicy] {
        (policiesByRoom[room] ?? []).compactMap { policies[$0] }
    }

    public func dndWindows(for room: String) -> [DNDWindow] {
        (windowsByRoom[room] ?? []).compactMap { dndWindows[$0] }
    }

    /// The group wake-ups that may include `room` with `stay` in it.
    public func groups(for room: String, stay: Stay?) -> [GroupWakeUp] {
        var ids = groupsByRoom[room] ?? []
        if let code = stay?.groupCode { ids.formUnion(groupsByCode[code] ?? []) }
        return ids.sorted().compactMap { groups[$0] }
    }

    /// The rooms a group names now (booking groups: the rooms of its in-house stays).
    public func memberRooms(of group: GroupWakeUp) -> Set<String> {
        switch group.members {
        case .rooms(let rooms):
            return Set(rooms)
        case .bookingGroup(let code):
            return Set((staysByGroupCode[code] ?? []).compactMap { stays[$0]?.room })
        }
    }
}

/// A record that belongs to one room, indexed by room in ``HotelSnapshot``.
private protocol RoomBound {
    var id: Int64 { get }
    var room: String { get }
}

extension Stay: RoomBound {}
extension WakeUpPolicy: RoomBound {}
extension DNDWindow: RoomBound {}
