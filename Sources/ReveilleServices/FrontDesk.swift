import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleStore

/// A booked room wake-up, with what reception should know about it.
public struct WakeUpBooking: Sendable {
    public var policy: WakeUpPolicy
    /// When it first rings.
    public var firstWakeUp: Date?
    /// Wake-ups of the room that ring inside its DND window.
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
        // The room's part of the hotel only: a booking costs its room, not the hotel.
        let snapshot = try store.snapshot(at: now, rooms: [room])
        guard snapshot.rooms[room] != nil else { throw BookingError.unknownRoom(room, field: "room") }
        guard let stay = snapshot.currentStay(in: room, at: now) else {
            throw BookingError(field: "room", code: .noGuest, params: ["room": room], rule: "room \(room) has no guest in house: wake-ups belong to a stay")
        }
        guard let first = planner.firstOccurrence(time: time_, recurrence: recurrence, stay: stay, now: now) else {
            let departure = "\(planner.calendar.wallClock(stay.departure))"
            throw BookingError(
                field: "time", code: .afterDeparture, params: ["departure": departure],
                rule: "never rings before the guest's departure \(departure)")
        }
        let policy = try store.create(
            actor: actor, at: now, holdings: [room: snapshot.currentStays(in: room, at: now)],
            check: { held in
                try Self.checkDuplicate(of: held.wakeUps, room: room, time: time_, recurrence: recurrence)
                try Self.checkCap(of: held.counts, adding: 1)
            }
        ) { id in
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
        acceptLate: Bool, refuseIfFull: Bool = false, actor: String
    ) throws -> GroupBooking {
        try InputBounds.text(name, field: "name")
        let time_ = try Self.time(time)
        let now = now()
        try check(options, recurrence, now: now)
        if case .rooms(let rooms) = members {
            guard !rooms.isEmpty else { throw BookingError(field: "rooms", code: .noRooms, rule: "name at least one room") }
            try InputBounds.check(rooms.count, in: InputBounds.groupRooms, field: "rooms", unit: "rooms")
        }
        // A group of listed rooms reads those rooms; a booking group's code (whose stays are
        // anywhere) or a ring capacity (every wake-up of the minute counts) needs the whole hotel.
        var snapshot: HotelSnapshot
        if case .rooms(let rooms) = members, settings.ringCapacity == nil {
            snapshot = try store.snapshot(at: now, rooms: Set(rooms))
        } else {
            snapshot = try store.snapshot(at: now)
        }
        switch members {
        case .rooms(let rooms):
            if let unknown = rooms.first(where: { snapshot.rooms[$0] == nil }) {
                throw BookingError.unknownRoom(InputBounds.excerpt(unknown, scalars: InputBounds.codeLength), field: "rooms")
            }
        case .bookingGroup(let code):
            try InputBounds.text(code, field: "group", maximum: InputBounds.codeLength)
        }
        // The id is SQLite's, given when the group is saved; 0 stands in for the assessment.
        var group = GroupWakeUp(id: 0, name: name, members: members, time: time_, recurrence: recurrence, options: options)
        let before = snapshot
        let affected = snapshot.upsert(group)
        var assessment = planner.assess(group, in: snapshot, pacing: pacing, backlog: try store.pendingCount(), now: now)
        guard !assessment.rooms.isEmpty else {
            throw BookingError(field: "members", code: .noGuestInGroup, rule: "no room of this group has a guest in house")
        }
        // A reception-only group sends nothing to the PBX: no push can be late.
        if !assessment.lateRooms.isEmpty, !acceptLate, options.receptionOnly != true {
            let first = "\(planner.calendar.wallClock(assessment.firstWakeUp ?? now))"
            throw BookingError(
                field: "time", code: .groupLate,
                params: ["late": "\(assessment.lateRooms.count)", "total": "\(assessment.rooms.count)", "first": first],
                rule: "\(assessment.lateRooms.count) of \(assessment.rooms.count) rooms cannot be pushed before the first "
                    + "wake-up at \(first) (pushes go out 1–2 s apart); book later or accept the late rooms",
                lateRooms: assessment.lateRooms)
        }
        assessment.capacity = try ringCapacity(assessment, before: before, refuseIfFull: refuseIfFull, receptionOnly: options.receptionOnly == true, now: now)
        let memberStays = Dictionary(assessment.rooms.map { ($0, snapshot.currentStays(in: $0, at: now)) }, uniquingKeysWith: { first, _ in first })
        let template = group
        group = try store.create(
            actor: actor, at: now, counting: memberStays, check: { try Self.checkCap(of: $0, adding: 1) }
        ) { id in
            var saved = template
            saved.id = id
            return saved
        }
        changed(affected)
        return GroupBooking(group: group, assessment: assessment)
    }

    /// With `pbx.ringCapacity`: what happens when the group's rooms all start in its
    /// first minute on top of the rings booked there already (`before`: the hotel without the group)
    /// — `nil` when they fit; refused (code `minuteFull`) with the nearest free minutes when the
    /// booking says so. The load is the plan of the coming day at the group's first wake-up.
    private func ringCapacity(
        _ assessment: GroupBookingAssessment, before: HotelSnapshot, refuseIfFull: Bool, receptionOnly: Bool, now: Date
    ) throws -> RingCapacity.Assessment? {
        guard let perMinute = settings.ringCapacity, let first = assessment.firstWakeUp, !receptionOnly else { return nil }
        let planned = max(now, first.addingTimeInterval(-3600))
        let load = RingCapacity.load(planner.desired(before, now: planned))
        let full = RingCapacity(perMinute: perMinute).assess(rooms: assessment.rooms, at: first, load: load, now: now)
        guard !full.lateRings.isEmpty else { return nil }
        guard refuseIfFull else { return full }
        let clock = { (date: Date) in String(self.planner.calendar.wallClock(date).description.dropFirst(11).prefix(5)) }
        let free = full.freeMinutes.isEmpty ? "" : full.freeMinutes.map(clock).joined(separator: ", ")
        throw BookingError(
            field: "time", code: .minuteFull,
            params: [
                "minute": clock(full.minute), "booked": "\(full.booked)", "capacity": "\(perMinute)", "late": "\(full.lateRings.count)",
                "total": "\(assessment.rooms.count)", "lateBy": "\(full.lateRings.map(\.minutes).max() ?? 0)", "free": free,
            ],
            rule: "\(clock(full.minute)) is full: \(full.booked) wake-ups already start then and the PBX starts \(perMinute) a minute "
                + "(pbx.ringCapacity), so \(full.lateRings.count) of \(assessment.rooms.count) rooms would ring up to "
                + "\(full.lateRings.map(\.minutes).max() ?? 0) min late; nearest free minutes: "
                + (full.freeMinutes.isEmpty ? "none within 2 hours" : full.freeMinutes.map(clock).joined(separator: ", ")))
    }

    /// The wake-ups that ring inside a DND window in `rooms` (`nil`: every room), from `source`
    /// only when given: shown to whoever books a wake-up or a group, sets DND or saves a rule
    ///.
    public func dndConflicts(in rooms: Set<String>?, from source: WakeUpSource? = nil) throws -> [DNDConflict] {
        let now = now()
        let snapshot = try rooms.map { try store.snapshot(at: now, rooms: $0) } ?? store.snapshot(at: now)
        return planner.dndConflicts(rooms: rooms ?? Set(snapshot.rooms.keys), in: snapshot, now: now)
            .filter { conflict in source.map { $0 == conflict.source } ?? true }
    }

    /// When `window` really ends now (§4.3 Decision: at the first wake-up inside it, by default):
    /// told to whoever sets DND, who asked for its own end.
    public func dndEnd(of window: DNDWindow) throws -> DNDEnd {
        let now = now()
        return planner.dndEnd(of: window, in: try store.snapshot(at: now, rooms: [window.room]), now: now)
    }

    /// Marks the stay `id` (every wake-up of it) as a personal call from reception, or unmarks it
    ///. A checked-out stay is refused.
    public func setPersonalCall(stay id: Int64, to personalCall: Bool, actor: String) throws -> Stay {
        // The stay alone (indexed): a reception click costs its stay, not the hotel.
        guard let stay = try store.stay(id) else { throw NotFound(.stay, id) }
        guard stay.status == .inHouse else { throw BookingError(field: "stay", code: .stayCheckedOut, params: ["stay": "\(id)"], rule: "stay \(id) has checked out") }
        guard let saved = try store.setPersonalCall(stay: id, to: personalCall, actor: actor, at: now()) else {
            throw NotFound(.stay, id)
        }
        changed([saved.room])
        return saved
    }

    /// Cancels a room wake-up.
    public func cancelWakeUp(_ id: Int64, actor: String) throws {
        guard let removed = try store.delete(WakeUpPolicy.self, id: id, actor: actor, at: now()) else {
            throw NotFound(.wakeUp, id)
        }
        changed([removed.room])
    }

    /// Cancels a group wake-up.
    public func cancelGroup(_ id: Int64, actor: String) throws {
        let snapshot = try store.snapshot(at: now())
        guard let removed = try store.delete(GroupWakeUp.self, id: id, actor: actor, at: now()) else {
            throw NotFound(.group, id)
        }
        changed(snapshot.memberRooms(of: removed))
    }

    /// Sets a DND window for the guest in `room` (ends at the latest with the stay).
    public func setDND(room: String, from start: Date?, until end: Date, actor: String) throws -> DNDWindow {
        let now = now()
        let snapshot = try store.snapshot(at: now, rooms: [room])
        guard snapshot.rooms[room] != nil else { throw BookingError.unknownRoom(room, field: "room") }
        guard let stay = snapshot.currentStay(in: room, at: now) else {
            throw BookingError(field: "room", code: .noGuest, params: ["room": room], rule: "room \(room) has no guest in house")
        }
        let from = start ?? now
        if let start { try InputBounds.check(start, field: "from", now: now) }
        try InputBounds.check(end, field: "until", now: now)
        guard end > from else { throw BookingError(field: "until", code: .endNotAfterStart, rule: "must be after the start (§4.3: Start < End)") }
        guard end > now else { throw BookingError(field: "until", code: .notInFuture, rule: "must be in the future") }
        let window = try store.create(actor: actor, at: now) { id in
            DNDWindow(id: id, room: room, stayID: stay.id, start: from, end: end)
        }
        changed([room])
        return window
    }

    /// Cancels a DND window.
    public func cancelDND(_ id: Int64, actor: String) throws {
        guard let removed = try store.delete(DNDWindow.self, id: id, actor: actor, at: now()) else {
            throw NotFound(.dnd, id)
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
            guard try store.exists(DNDRule.self, id: rule.id) else { throw NotFound(.rule, rule.id) }
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
            throw BookingError(field: field, code: .pbxFormat, params: ["detail": issue.rule], rule: issue.rule + " (§4.4)")
        }
    }

    /// Refuses a room wake-up identical to one the room's stay already has (the same time and
    /// recurrence): a form sent twice, a double click, books once. `held` is read inside the
    /// booking's write transaction, so two identical requests at the same moment book once.
    static func checkDuplicate(of held: [WakeUpPolicy], room: String, time: TimeOfDay, recurrence: Recurrence) throws {
        guard let same = held.first(where: { $0.room == room && $0.time == time && $0.recurrence == recurrence }) else { return }
        throw BookingError(
            field: "time", code: .duplicateWakeUp, params: ["room": room, "time": "\(time)", "id": "\(same.id)"],
            rule: "room \(room) already has this wake-up at \(time) (wake-up \(same.id)); change or cancel that one")
    }

    /// Refuses a booking that would give a room more than ``InputBounds/wakeUpsPerRoom`` wake-ups
    /// (every guest's own bookings in a shared room, and the groups that include it), which keeps its AlarmClock value,
    /// and the PBX's echo of it, far below the frame limit (§1). `counts` are read inside the
    /// booking's write transaction, so bookings at the same moment cannot pass it together.
    static func checkCap(of counts: [String: Int], adding: Int) throws {
        for (room, held) in counts.sorted(by: { $0.key < $1.key }) where held + adding > InputBounds.wakeUpsPerRoom {
            let count = held + adding
            throw BookingError(
                field: "room", code: .roomFull,
                params: ["room": room, "count": "\(count)", "maximum": "\(InputBounds.wakeUpsPerRoom)"],
                rule: "room \(room) would have \(count) wake-ups; at most \(InputBounds.wakeUpsPerRoom) per room "
                    + "(cancel one first)")
        }
    }
}
