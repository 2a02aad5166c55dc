import Foundation
import PBXProtocol

/// The desired state of each extension: a pure, deterministic function of the hotel's data, the
/// settings and `now`.
///
/// Wake-ups (documented decisions):
/// - The PBX list holds, per policy, only the **next occurrence within the coming day** (`days` is
///   always 1): an occurrence enters the list once it is at most 24 h − ``horizonSlack`` away — so
///   the PBX cannot ring it a day early — and leaves it once its last attempt is over.
///   The slack equals ``activeTail``: a daily wake-up's occurrence leaves at the very
///   instant its next one enters, so no list between two rings drops a wake-up still to ring within
///   the coming day, and the next day's entry is planned the moment the last attempt's window ends
///   (the list is pushed again then, §4.4 Decision (days); before, a one-attempt daily wake-up was
///   off the PBX for 3 min). Recurring and
///   multi-day policies are therefore always right for the coming day, and the list changes only
///   when an occurrence comes or goes. This also settles daylight saving: in the autumn fold a daily
///   02:30 is off the PBX until the repeated hour has passed (the day is 25 h long), so it rings
///   once; in the spring gap it is sent as 03:00 (see ``HotelCalendar``).
/// - A wake-up rings only inside an in-house stay of its room (never after departure); a room
///   policy booked for a stay follows that stay only.
/// - Two entries at the same start time merge into one: a room's own wake-up wins over a group's,
///   then the older policy (lower id) wins.
///
/// DND: guest windows (clipped to the stay's departure) and the windows of the housekeeping rules
/// that select the room are merged where they overlap; the PBX holds one window (§4.3), so the
/// merged window containing `now`, else the next one, is sent; none → DND off. With
/// ``HotelSettings/dndEndsAtWakeUp`` the window ends at the first wake-up inside it.
///
/// Prompts and personal calls: a wake-up booked without a prompt plays the prompt of
/// its guest's language (``WakeUpDefaults/languagePrompts``), else the default; a personal call
/// (the wake-up's or its stay's) is planned as usual and marked, and a reception-only one is kept
/// off the PBX in ``DesiredExtension/receptionCalls``.
///
/// Catch-ups: a wake-up the occurrence machine catches up (``HotelSnapshot/catchUps``)
/// gets a one-off entry at the catch-up's minute, with the booking's prompt and attempts, for as
/// long as the booking that made it still stands and the guest is in house — so cancelling the
/// wake-up or checking out also takes the catch-up off the PBX.
///
/// A follow-up call is planned the same way: one attempt at its minute
/// (``PlannedWakeUp/followUpOf``), gone with its booking.
///
/// Personal calls with a backup: the PBX entry of a personal call rings
/// ``WakeUpOptions/backup(_:stayPersonal:)`` minutes after the call's time (``PlannedWakeUp/personalAt``),
/// and leaves the PBX once reception acknowledged the call (``HotelSnapshot/personalCallsDone``).
///
/// Shared rooms (several in-house stays in one room): every stay's wake-ups and DND windows are
/// planned and the PBX list is their union (one entry per start time; the per-room cap applies to
/// the room); the extension shows the primary guest's name (``HotelSnapshot/occupants(of:at:)``:
/// the earliest arrival among the stays under way) and gets the most permissive call class of the
/// stays. A guest's check-out removes only that guest's wake-ups.
///
/// Name and call class follow the guests; a room without a guest shows its room number and gets the
/// vacant call class.
public struct Planner: Sendable {
    /// How much earlier than 24 h before it rings an occurrence may be sent: as long as the
    /// previous day's occurrence stays after its last attempt, so one takes over from the other.
    public static let horizonSlack: TimeInterval = activeTail
    /// How long after its last attempt an occurrence stays on the PBX.
    public static let activeTail: TimeInterval = 2 * 60

    public let settings: HotelSettings
    public let calendar: HotelCalendar

    public init(settings: HotelSettings) {
        self.settings = settings
        self.calendar = HotelCalendar(timeZone: settings.timeZone)
    }

    /// The desired state of every room's extension.
    public func desired(_ snapshot: HotelSnapshot, now: Date) -> [DesiredExtension] {
        snapshot.rooms.keys.sorted().compactMap { self.desired(room: $0, in: snapshot, now: now) }
    }

    /// The desired state of some rooms (an incremental plan after a change).
    public func desired(rooms: some Sequence<String>, in snapshot: HotelSnapshot, now: Date) -> [DesiredExtension] {
        Set(rooms).sorted().compactMap { self.desired(room: $0, in: snapshot, now: now) }
    }

    /// The desired state of one room's extension, `nil` for an unknown room.
    public func desired(room number: String, in snapshot: HotelSnapshot, now: Date) -> DesiredExtension? {
        guard let room = snapshot.rooms[number] else { return nil }
        // Wake-ups ring only before departure; the guests keep name, call class and the room's
        // occupied-room rules until the PMS checks them out (guest DND windows end at departure).
        let stays = snapshot.currentStays(in: number, at: now)
        let occupants = snapshot.occupants(of: number, at: now)
        let planned = wakeUps(room: number, stays: stays, snapshot: snapshot, now: now)
        // Reception-only personal calls never reach the PBX.
        let wakeUps = planned.filter { !$0.receptionOnly }
        // The most permissive call class of the guests in the room (§4.1: 5 international is the widest).
        let callClass = occupants.map { $0.callClass ?? settings.occupiedCallClass }.max { $0.rawValue < $1.rawValue }
        return DesiredExtension(
            room: number, phone: room.phone, wakeUps: wakeUps,
            dnd: dnd(room: room, stays: occupants, snapshot: snapshot, wakeUps: wakeUps, now: now),
            name: occupants.first?.guestName ?? room.number,
            callClass: callClass ?? settings.vacantCallClass,
            receptionCalls: planned.filter(\.receptionOnly))
    }

    // MARK: - Wake-ups

    /// The occurrence of a wake-up that belongs on the PBX at `now`, if any.
    public func occurrence(
        time: TimeOfDay, recurrence: Recurrence, options: WakeUpOptions, stay: Stay, now: Date
    ) -> PlannedWakeUp? {
        // Without a prompt of its own, the guest's language picks it.
        let resolved = options.resolved(settings.wakeUpDefaults, language: stay.language)
        // A personal call's backup: the PBX rings so many minutes after the call's time.
        let personal = options.isPersonal || stay.personalCall
        let backup = options.backup(settings.wakeUpDefaults, stayPersonal: stay.personalCall)
        let delay = TimeInterval((backup ?? 0).clamped(to: InputBounds.backupAfter) * 60)
        // Bounded before any arithmetic: a stored row outside the bounds is quarantined when loaded,
        // but planning never traps whatever it is given.
        let attempts = resolved.attempts.clamped(to: InputBounds.attempts)
        let frequency = resolved.frequency.clamped(to: InputBounds.frequency)
        let active = TimeInterval((attempts - 1) * frequency * 60) + Self.activeTail
        let horizon = now.addingTimeInterval(86_400 - Self.horizonSlack)
        let today = calendar.date(of: now)
        for offset in -1...1 {
            let day = today.adding(days: offset)
            guard recurrence.includes(day) else { continue }
            let (instant, shown) = calendar.occurrence(day, time)
            let rings = instant.addingTimeInterval(delay)
            guard rings.addingTimeInterval(active) > now, rings <= horizon, instant < stay.departure else { continue }
            var start = shown
            if delay > 0 {
                let clock = calendar.wallClock(rings)
                start = TimeOfDay(hour: clock.hour, minute: clock.minute) ?? shown
            }
            let entry = WakeUpEntry(
                start: start, frequency: resolved.frequency, days: 1, prompt: resolved.prompt,
                attempts: resolved.attempts)
            let previous = calendar.occurrence(day.adding(days: -1), time).0.addingTimeInterval(delay)
            return PlannedWakeUp(
                entry: entry, at: rings, source: .room(policy: 0), previousAt: previous,
                personal: personal, receptionOnly: options.receptionOnly == true && backup == nil,
                personalAt: delay > 0 ? instant : nil, followUpAfter: options.followUpAfter)
        }
        return nil
    }

    /// The union of the wake-ups of `stays` (earliest arrival first) in `room`, with catch-ups,
    /// follow-ups and personal calls' backups.
    private func wakeUps(room: String, stays: [Stay], snapshot: HotelSnapshot, now: Date) -> [PlannedWakeUp] {
        var byStart = booked(room: room, stays: stays, snapshot: snapshot, now: now)
        // A personal call reception acknowledged needs no backup: off the PBX.
        for (start, planned) in byStart {
            if let call = planned.personalAt, snapshot.personalCallsDone.contains(OccurrenceKey(room: room, scheduledAt: call)) {
                byStart[start]?.receptionOnly = true
            }
        }
        for catchUp in snapshot.catchUps[room] ?? [] {
            // The booking as it was planned at the wake-up's own time: gone means cancelled.
            guard let original = booked(room: room, stays: stays, snapshot: snapshot, now: catchUp.scheduledAt).values
                .first(where: { ($0.personalAt ?? $0.at) == catchUp.scheduledAt && !$0.receptionOnly })
            else { continue }
            // A follow-up call rings once.
            let attempts = catchUp.followUp ? 1 : original.entry.attempts.clamped(to: InputBounds.attempts)
            let active = TimeInterval((attempts - 1) * original.entry.frequency.clamped(to: InputBounds.frequency) * 60) + Self.activeTail
            // Its minute taken by another wake-up of the room: the next free one (that one rings anyway).
            guard let at = (0..<10).lazy.map({ catchUp.at.addingTimeInterval(TimeInterval($0 * 60)) }).first(where: { at in
                let clock = self.calendar.wallClock(at)
                return TimeOfDay(hour: clock.hour, minute: clock.minute).map { byStart[$0] == nil } ?? false
            }) else { continue }
            let clock = calendar.wallClock(at)
            let departure = stays.first { $0.id == original.stayID }?.departure ?? stays.last?.departure ?? at
            guard at.addingTimeInterval(active) > now, at < departure, let start = TimeOfDay(hour: clock.hour, minute: clock.minute)
            else { continue }
            var late = original
            late.entry.start = start
            late.entry.attempts = attempts
            late.at = at
            late.previousAt = nil
            if catchUp.followUp { late.followUpOf = catchUp.scheduledAt } else { late.catchUpOf = catchUp.scheduledAt }
            byStart[start] = late
        }
        // The soonest ``InputBounds/wakeUpsPerRoom`` only, and no more than
        // ``InputBounds/alarmClockBytes`` of AlarmClock value: bookings are refused beyond these, so
        // this cuts only rows written around the checks, and keeps every frame and the PBX's echo
        // far below the frame limit (§1) whatever the database holds.
        var bytes = 0
        return byStart.values.sorted { ($0.at, $0.entry.start) < ($1.at, $1.entry.start) }
            .prefix(InputBounds.wakeUpsPerRoom)
            .prefix { planned in
                bytes += planned.entry.prompt.utf8.count + 32  // start**frequency*days*…*num& around the prompt
                return bytes <= InputBounds.alarmClockBytes
            }
    }

    /// The wake-ups booked for `room` that belong on the PBX at `now`, one per start time: the union
    /// of `stays`' wake-ups (earliest arrival first).
    private func booked(room: String, stays: [Stay], snapshot: HotelSnapshot, now: Date) -> [TimeOfDay: PlannedWakeUp] {
        // A wake-up booked without a stay (older rows) and a group naming the room follow the guest
        // who arrived last, as with one guest per room.
        guard let latest = stays.last else { return [:] }
        var byStart: [TimeOfDay: PlannedWakeUp] = [:]
        // Room policies first (ascending id), then groups: the first at a start time wins.
        for policy in snapshot.policies(for: room).sorted(by: { $0.id < $1.id }) {
            guard let stay = policy.stayID.map({ id in stays.first { $0.id == id } }) ?? latest,
                var planned = occurrence(
                    time: policy.time, recurrence: policy.recurrence, options: policy.options, stay: stay, now: now)
            else { continue }
            planned.source = .room(policy: policy.id)
            planned.stayID = stay.id
            if byStart[planned.entry.start] == nil { byStart[planned.entry.start] = planned }
        }
        // Each group once: for a booking group, the stays of that group; for a group naming the
        // room, the guest who arrived last.
        var seen = Set<Int64>()
        for stay in stays.reversed() {
            for group in snapshot.groups(for: room, stay: stay) where seen.insert(group.id).inserted {
                let member: Stay
                if case .bookingGroup(let code) = group.members {
                    guard let own = stays.last(where: { $0.groupCode == code }) else { continue }
                    member = own
                } else {
                    member = latest
                }
                guard var planned = occurrence(
                    time: group.time, recurrence: group.recurrence, options: group.options, stay: member, now: now)
                else { continue }
                planned.source = .group(group.id)
                planned.stayID = member.id
                if byStart[planned.entry.start] == nil { byStart[planned.entry.start] = planned }
            }
        }
        return byStart
    }

    // MARK: - DND

    private struct Window {
        var start: Date
        var end: Date
    }

    /// `stays`: the room's guests, the primary first (its rules decide as for one guest).
    private func dnd(room: Room, stays: [Stay], snapshot: HotelSnapshot, wakeUps: [PlannedWakeUp], now: Date) -> DNDSetting {
        var windows: [Window] = []
        let stay = stays.first
        // Every guest's DND windows, each ending at the latest with that guest's stay.
        for window in snapshot.dndWindows(for: room.number) {
            guard let owner = window.stayID.map({ id in stays.first { $0.id == id } }) ?? stays.last else { continue }
            windows.append(Window(start: window.start, end: min(window.end, owner.departure)))
        }
        for rule in snapshot.rules where rule.enabled && selects(rule.selector, room: room, stay: stay) {
            if let window = ruleWindow(rule.action, room: room, stay: stay, now: now) { windows.append(window) }
        }
        windows = windows.filter { $0.start < $0.end && $0.end > now }.sorted { $0.start < $1.start }
        guard let first = windows.first else { return .off }
        // Merge overlapping windows; keep the merged one containing now, else the next.
        var merged: [Window] = [first]
        for window in windows.dropFirst() {
            if window.start <= merged[merged.count - 1].end {
                merged[merged.count - 1].end = max(merged[merged.count - 1].end, window.end)
            } else {
                merged.append(window)
            }
        }
        var chosen = merged.first { $0.start <= now && now < $0.end } ?? merged[0]
        if settings.dndEndsAtWakeUp, let wakeUp = wakeUps.first(where: { $0.at > chosen.start && $0.at < chosen.end }) {
            chosen.end = wakeUp.at
            if chosen.end <= now { return .off }
        }
        let start = calendar.wallClock(chosen.start)
        var end = calendar.wallClock(chosen.end)
        if !(start < end) { end = start.adding(seconds: 60) }  // the autumn fold can invert readings
        return .on(start: start, end: end)
    }

    private func selects(_ selector: RoomSelector, room: Room, stay: Stay?) -> Bool {
        if let floors = selector.floors, !floors.contains(room.floor) { return false }
        if let tags = selector.tags, tags.isDisjoint(with: room.tags) { return false }
        switch selector.occupancy {
        case nil: return true
        case .occupied: return stay != nil && !room.outOfOrder
        case .vacant: return stay == nil && !room.outOfOrder
        case .outOfOrder: return room.outOfOrder
        }
    }

    private func ruleWindow(_ action: DNDRuleAction, room: Room, stay: Stay?, now: Date) -> Window? {
        switch action {
        case .whileVacant:
            guard stay == nil else { return nil }
            // Restated each day from midnight for a week: a stable window, pushed once a day.
            let today = calendar.date(of: now)
            return Window(
                start: calendar.instant(today, .midnight), end: calendar.instant(today.adding(days: 7), .midnight))
        case .quietHours(let from, let to):
            let today = calendar.date(of: now)
            for offset in -1...0 {
                let day = today.adding(days: offset)
                let start = calendar.instant(day, from)
                let end = calendar.instant(from < to ? day : day.adding(days: 1), to)
                if end > now { return Window(start: start, end: end) }
            }
            return nil
        case .afterCheckIn(let hours):
            guard let stay else { return nil }
            return Window(start: stay.arrival, end: min(stay.arrival.addingTimeInterval(TimeInterval(hours) * 3600), stay.departure))
        }
    }
}
