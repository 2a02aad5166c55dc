import Foundation
import PBXProtocol

/// The desired state of each extension: a pure, deterministic function of the hotel's data, the
/// settings and `now`.
///
/// Wake-ups (documented decisions):
/// - The PBX list holds, per policy, only the **next occurrence within the coming day** (`days` is
///   always 1): an occurrence enters the list once it is at most 24 h − ``horizonSlack`` away — so
///   the PBX cannot ring it a day early — and leaves it once its last attempt is over.
///   The slack equals ``activeTail`` (issue 23 §5): a daily wake-up's occurrence leaves at the very
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
/// Prompts and personal calls (issue 14): a wake-up booked without a prompt plays the prompt of
/// its guest's language (``WakeUpDefaults/languagePrompts``), else the default; a personal call
/// (the wake-up's or its stay's) is planned as usual and marked, and a reception-only one is kept
/// off the PBX in ``DesiredExtension/receptionCalls``.
///
/// Catch-ups (issue 23 §1): a wake-up the occurrence machine catches up (``HotelSnapshot/catchUps``)
/// gets a one-off entry at the catch-up's minute, with the booking's prompt and attempts, for as
/// long as the booking that made it still stands and the guest is in house — so cancelling the
/// wake-up or checking out also takes the catch-up off the PBX.
///
/// A follow-up call (issue 23 §3) is planned the same way: one attempt at its minute
/// (``PlannedWakeUp/followUpOf``), gone with its booking.
///
/// Personal calls with a backup (issue 23 §2): the PBX entry of a personal call rings
/// ``WakeUpOptions/backup(_:stayPersonal:)`` minutes after the call's time (``PlannedWakeUp/personalAt``),
/// and leaves the PBX once reception acknowledged the call (``HotelSnapshot/personalCallsDone``).
///
/// Name and call class follow the guest; a room without a guest shows its room number and gets the
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
        // Wake-ups ring only before departure; the guest keeps name, call class and the room's
        // occupied-room rules until the PMS checks them out (guest DND windows end at departure).
        let stay = snapshot.currentStay(in: number, at: now)
        let occupant = snapshot.occupant(of: number, at: now)
        let planned = stay.map { self.wakeUps(room: number, stay: $0, snapshot: snapshot, now: now) } ?? []
        // Reception-only personal calls never reach the PBX (issue 14 §2).
        let wakeUps = planned.filter { !$0.receptionOnly }
        return DesiredExtension(
            room: number, phone: room.phone, wakeUps: wakeUps,
            dnd: dnd(room: room, stay: occupant, snapshot: snapshot, wakeUps: wakeUps, now: now),
            name: occupant?.guestName ?? room.number,
            callClass: occupant.map { $0.callClass ?? settings.occupiedCallClass } ?? settings.vacantCallClass,
            receptionCalls: planned.filter(\.receptionOnly))
    }

    // MARK: - Wake-ups

    /// The occurrence of a wake-up that belongs on the PBX at `now`, if any.
    public func occurrence(
        time: TimeOfDay, recurrence: Recurrence, options: WakeUpOptions, stay: Stay, now: Date
    ) -> PlannedWakeUp? {
        // Without a prompt of its own, the guest's language picks it (issue 14 §1).
        let resolved = options.resolved(settings.wakeUpDefaults, language: stay.language)
        // A personal call's backup (issue 23 §2): the PBX rings so many minutes after the call's time.
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

    private func wakeUps(room: String, stay: Stay, snapshot: HotelSnapshot, now: Date) -> [PlannedWakeUp] {
        var byStart = booked(room: room, stay: stay, snapshot: snapshot, now: now)
        // A personal call reception acknowledged needs no backup (issue 23 §2): off the PBX.
        for (start, planned) in byStart {
            if let call = planned.personalAt, snapshot.personalCallsDone.contains(OccurrenceKey(room: room, scheduledAt: call)) {
                byStart[start]?.receptionOnly = true
            }
        }
        for catchUp in snapshot.catchUps[room] ?? [] {
            // The booking as it was planned at the wake-up's own time: gone means cancelled.
            guard let original = booked(room: room, stay: stay, snapshot: snapshot, now: catchUp.scheduledAt).values
                .first(where: { ($0.personalAt ?? $0.at) == catchUp.scheduledAt && !$0.receptionOnly })
            else { continue }
            // A follow-up call rings once (issue 23 §3).
            let attempts = catchUp.followUp ? 1 : original.entry.attempts.clamped(to: InputBounds.attempts)
            let active = TimeInterval((attempts - 1) * original.entry.frequency.clamped(to: InputBounds.frequency) * 60) + Self.activeTail
            // Its minute taken by another wake-up of the room: the next free one (that one rings anyway).
            guard let at = (0..<10).lazy.map({ catchUp.at.addingTimeInterval(TimeInterval($0 * 60)) }).first(where: { at in
                let clock = self.calendar.wallClock(at)
                return TimeOfDay(hour: clock.hour, minute: clock.minute).map { byStart[$0] == nil } ?? false
            }) else { continue }
            let clock = calendar.wallClock(at)
            guard at.addingTimeInterval(active) > now, at < stay.departure, let start = TimeOfDay(hour: clock.hour, minute: clock.minute)
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

    /// The wake-ups booked for `room` that belong on the PBX at `now`, one per start time.
    private func booked(room: String, stay: Stay, snapshot: HotelSnapshot, now: Date) -> [TimeOfDay: PlannedWakeUp] {
        var byStart: [TimeOfDay: PlannedWakeUp] = [:]
        // Room policies first (ascending id), then groups: the first at a start time wins.
        for policy in snapshot.policies(for: room).sorted(by: { $0.id < $1.id })
        where policy.stayID == nil || policy.stayID == stay.id {
            guard var planned = occurrence(
                time: policy.time, recurrence: policy.recurrence, options: policy.options, stay: stay, now: now)
            else { continue }
            planned.source = .room(policy: policy.id)
            if byStart[planned.entry.start] == nil { byStart[planned.entry.start] = planned }
        }
        for group in snapshot.groups(for: room, stay: stay) {
            guard var planned = occurrence(
                time: group.time, recurrence: group.recurrence, options: group.options, stay: stay, now: now)
            else { continue }
            planned.source = .group(group.id)
            if byStart[planned.entry.start] == nil { byStart[planned.entry.start] = planned }
        }
        return byStart
    }

    // MARK: - DND

    private struct Window {
        var start: Date
        var end: Date
    }

    private func dnd(room: Room, stay: Stay?, snapshot: HotelSnapshot, wakeUps: [PlannedWakeUp], now: Date) -> DNDSetting {
        var windows: [Window] = []
        if let stay {
            for window in snapshot.dndWindows(for: room.number) where window.stayID == nil || window.stayID == stay.id {
                windows.append(Window(start: window.start, end: min(window.end, stay.departure)))
            }
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
