import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleStore

/// A booking input that breaks a rule: names the field and the rule. Nothing is stored.
public struct BookingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var rule: String
    /// For a group whose pushes cannot all land before its first wake-up: those rooms.
    public var lateRooms: [String]

    public init(field: String, rule: String, lateRooms: [String] = []) {
        self.field = field
        self.rule = rule
        self.lateRooms = lateRooms
    }

    public var description: String { "\(field): \(rule)" }
}

/// What a request names does not exist (a cancelled booking's id, say): the API answers 404.
public struct NotFound: Error, Hashable, Sendable, CustomStringConvertible {
    public var rule: String
    public init(rule: String) { self.rule = rule }
    public var description: String { rule }
}

/// A booked room wake-up, with what reception should know about it.
public struct WakeUpBooking: Sendable {
    public var policy: WakeUpPolicy
    /// When it first rings.
    public var firstWakeUp: Date?
    /// Wake-ups of the room that ring inside its DND window (issue 4 §7).
    public var insideDND: [Date]
}

/// A booked group wake-up and when its staggered pushes are expected to be done.
public struct GroupBooking: Sendable {
    public var group: GroupWakeUp
    public var assessment: GroupBookingAssessment
}

/// What reception and housekeeping do, checked, stored with its audit row, and handed to the push
/// scheduler. The HTTP API and the CLI go through here.
public struct FrontDesk: Sendable {
    public let store: Store
    public let settings: HotelSettings
    public let pacing: PushPacing
    /// Tells the push scheduler which rooms changed.
    public let changed: @Sendable (Set<String>?) -> Void
    public let now: @Sendable () -> Date

    public init(
        store: Store, settings: HotelSettings, pacing: PushPacing, changed: @escaping @Sendable (Set<String>?) -> Void,
        now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.settings = settings
        self.pacing = pacing
        self.changed = changed
        self.now = now
    }

    private var planner: Planner { Planner(settings: settings) }

    /// Books a wake-up for the guest in `room`.
    public func bookWakeUp(
        room: String, time: String, recurrence: Recurrence, options: WakeUpOptions, actor: String
    ) throws -> WakeUpBooking {
        let time_ = try Self.time(time)
        let now = now()
        try check(options, recurrence, now: now)
        try InputBounds.text(room, field: "room", maximum: InputBounds.codeLength)
        let snapshot = try store.snapshot(at: now)
        guard snapshot.rooms[room] != nil else { throw BookingError(field: "room", rule: "no room \(room) in this hotel") }
        guard let stay = snapshot.currentStay(in: room, at: now) else {
            throw BookingError(field: "room", rule: "room \(room) has no guest in house: wake-ups belong to a stay")
        }
        guard let first = planner.firstOccurrence(time: time_, recurrence: recurrence, stay: stay, now: now) else {
            throw BookingError(field: "time", rule: "never rings before the guest's departure \(planner.calendar.wallClock(stay.departure))")
        }
        try checkRoom(room, in: snapshot, stay: stay, adding: 1)
        let policy = try store.create(actor: actor, at: now) { id in
            WakeUpPolicy(id: id, room: room, stayID: stay.id, time: time_, recurrence: recurrence, options: options)
        }
        changed([room])
        var after = snapshot
        after.upsert(policy)
        let inside = planner.wakeUpsInsideDND(room: room, in: after, now: now).filter { $0.source == .room(policy: policy.id) }
        return WakeUpBooking(policy: policy, firstWakeUp: first, insideDND: inside.map(\.at))
    }

    /// Books a group wake-up. Refused when its pushes cannot all land before its first wake-up
    /// (at 1–2 s per room, §4.4), unless `acceptLate` or it is reception only (nothing is pushed).
    public func bookGroup(
        name: String, members: GroupMembers, time: String, recurrence: Recurrence, options: WakeUpOptions,
        acceptLate: Bool, actor: String
    ) throws -> GroupBooking {
        try InputBounds.text(name, field: "name")
        let time_ = try Self.time(time)
        let now = now()
        try check(options, recurrence, now: now)
        var snapshot = try store.snapshot(at: now)
        switch members {
        case .rooms(let rooms):
            guard !rooms.isEmpty else { throw BookingError(field: "rooms", rule: "name at least one room") }
            try InputBounds.check(rooms.count, in: InputBounds.groupRooms, field: "rooms", unit: "rooms")
            if let unknown = rooms.first(where: { snapshot.rooms[$0] == nil }) {
                throw BookingError(field: "rooms", rule: "no room \(InputBounds.excerpt(unknown, scalars: InputBounds.codeLength)) in this hotel")
            }
        case .bookingGroup(let code):
            try InputBounds.text(code, field: "group", maximum: InputBounds.codeLength)
        }
        // The id is SQLite's, given when the group is saved; 0 stands in for the assessment.
        var group = GroupWakeUp(id: 0, name: name, members: members, time: time_, recurrence: recurrence, options: options)
        let affected = snapshot.upsert(group)
        let assessment = planner.assess(group, in: snapshot, pacing: pacing, backlog: try store.pendingCount(), now: now)
        guard !assessment.rooms.isEmpty else {
            throw BookingError(field: "members", rule: "no room of this group has a guest in house")
        }
        // A reception-only group sends nothing to the PBX (issue 14 §2): no push can be late.
        if !assessment.lateRooms.isEmpty, !acceptLate, options.receptionOnly != true {
            throw BookingError(
                field: "time",
                rule: "\(assessment.lateRooms.count) of \(assessment.rooms.count) rooms cannot be pushed before the first "
                    + "wake-up at \(planner.calendar.wallClock(assessment.firstWakeUp ?? now)) (pushes go out 1–2 s apart); "
                    + "book later or accept the late rooms",
                lateRooms: assessment.lateRooms)
        }
        for room in assessment.rooms.sorted() {
            try checkRoom(room, in: snapshot, stay: snapshot.currentStay(in: room, at: now), adding: 0)
        }
        let template = group
        group = try store.create(actor: actor, at: now) { id in
            var saved = template
            saved.id = id
            return saved
        }
        changed(affected)
        return GroupBooking(group: group, assessment: assessment)
    }

    /// The wake-ups that ring inside a DND window in `rooms` (`nil`: every room), from `source`
    /// only when given: shown to whoever books a wake-up or a group, sets DND or saves a rule
    /// (issue 10 §4).
    public func dndConflicts(in rooms: Set<String>?, from source: WakeUpSource? = nil) throws -> [DNDConflict] {
        let now = now()
        let snapshot = try store.snapshot(at: now)
        return planner.dndConflicts(rooms: rooms ?? Set(snapshot.rooms.keys), in: snapshot, now: now)
            .filter { conflict in source.map { $0 == conflict.source } ?? true }
    }

    /// Marks the stay `id` (every wake-up of it) as a personal call from reception, or unmarks it
    /// (issue 14 §2). A checked-out stay is refused.
    public func setPersonalCall(stay id: Int64, to personalCall: Bool, actor: String) throws -> Stay {
        guard let stay = try store.snapshot(at: now()).stays[id] else { throw NotFound(rule: "no stay \(id)") }
        guard stay.status == .inHouse else { throw BookingError(field: "stay", rule: "stay \(id) has checked out") }
        guard let saved = try store.setPersonalCall(stay: id, to: personalCall, actor: actor, at: now()) else {
            throw NotFound(rule: "no stay \(id)")
        }
        changed([saved.room])
        return saved
    }

    /// Cancels a room wake-up.
    public func cancelWakeUp(_ id: Int64, actor: String) throws {
        guard let removed = try store.delete(WakeUpPolicy.self, id: id, actor: actor, at: now()) else {
            throw NotFound(rule: "no wake-up \(id)")
        }
        changed([removed.room])
    }

    /// Cancels a group wake-up.
    public func cancelGroup(_ id: Int64, actor: String) throws {
        let snapshot = try store.snapshot(at: now())
        guard let removed = try store.delete(GroupWakeUp.self, id: id, actor: actor, at: now()) else {
            throw NotFound(rule: "no group wake-up \(id)")
        }
        changed(snapshot.memberRooms(of: removed))
    }

    /// Sets a DND window for the guest in `room` (ends at the latest with the stay).
    public func setDND(room: String, from start: Date?, until end: Date, actor: String) throws -> DNDWindow {
        let now = now()
        let snapshot = try store.snapshot(at: now)
        guard snapshot.rooms[room] != nil else { throw BookingError(field: "room", rule: "no room \(room) in this hotel") }
        guard let stay = snapshot.currentStay(in: room, at: now) else {
            throw BookingError(field: "room", rule: "room \(room) has no guest in house")
        }
        let from = start ?? now
        if let start { try InputBounds.check(start, field: "from", now: now) }
        try InputBounds.check(end, field: "until", now: now)
        guard end > from else { throw BookingError(field: "until", rule: "must be after the start (§4.3: Start < End)") }
        guard end > now else { throw BookingError(field: "until", rule: "must be in the future") }
        let window = try store.create(actor: actor, at: now) { id in
            DNDWindow(id: id, room: room, stayID: stay.id, start: from, end: end)
        }
        changed([room])
        return window
    }

    /// Cancels a DND window.
    public func cancelDND(_ id: Int64, actor: String) throws {
        guard let removed = try store.delete(DNDWindow.self, id: id, actor: actor, at: now()) else {
            throw NotFound(rule: "no DND window \(id)")
        }
        changed([removed.room])
    }

    /// Saves a housekeeping rule (every room may be affected).
    public func saveRule(_ rule: DNDRule, actor: String) throws -> DNDRule {
        try InputBounds.check(rule)
        let saved: DNDRule
        if rule.id <= 0 {
            saved = try store.create(actor: actor, at: now()) { id in
                var new = rule
                new.id = id
                return new
            }
        } else {
            guard try store.exists(DNDRule.self, id: rule.id) else { throw NotFound(rule: "no rule \(rule.id)") }
            saved = rule
            try store.save(saved, actor: actor, at: now())
        }
        changed(nil)
        return saved
    }

    // MARK: - Checks

    static func time(_ text: String) throws -> TimeOfDay {
        try InputBounds.time(text, field: "time")
    }

    /// Ring options and days within ``InputBounds``, and the options the hotel defaults fill in
    /// still a valid §4.4 entry.
    func check(_ options: WakeUpOptions, _ recurrence: Recurrence, now: Date) throws {
        try InputBounds.check(options)
        try InputBounds.check(recurrence, today: planner.calendar.date(of: now))
        let resolved = options.resolved(settings.wakeUpDefaults)
        let entry = WakeUpEntry(start: .midnight, frequency: resolved.frequency, days: 1, prompt: resolved.prompt, attempts: resolved.attempts)
        if let issue = AlarmClock.validate(entry, index: 0).first {
            let field = switch issue.part {
            case .frequency: "frequency"
            case .num: "attempts"
            case .file: "prompt"
            case .start, .end, .days, .format: issue.part.rawValue
            }
            throw BookingError(field: field, rule: issue.rule + " (§4.4)")
        }
    }

    /// Refuses a booking that would give `room` more than ``InputBounds/wakeUpsPerRoom`` wake-ups
    /// (its guests' own bookings, every guest of a shared room, and the groups that include it), which keeps its AlarmClock value,
    /// and the PBX's echo of it, far below the frame limit (§1). `snapshot` already holds a group
    /// being booked; `adding` counts a room booking not yet in it.
    func checkRoom(_ room: String, in snapshot: HotelSnapshot, stay: Stay?, adding: Int) throws {
        // The cap is the room's: in a shared room every guest's wake-ups count (the PBX list is their union).
        let guests = snapshot.currentStays(in: room, at: now())
        let stayIDs = Set(guests.map(\.id) + (stay.map { [$0.id] } ?? []))
        let own = snapshot.policies(for: room).filter { $0.stayID.map(stayIDs.contains) ?? true }.count
        let groups = Set((guests + (stay.map { [$0] } ?? [])).flatMap { snapshot.groups(for: room, stay: $0).map(\.id) })
            .union(snapshot.groups(for: room, stay: nil).map(\.id))
        let count = own + groups.count + adding
        guard count <= InputBounds.wakeUpsPerRoom else {
            throw BookingError(
                field: "room",
                rule: "room \(room) would have \(count) wake-ups; at most \(InputBounds.wakeUpsPerRoom) per room "
                    + "(cancel one first)")
        }
    }
}
