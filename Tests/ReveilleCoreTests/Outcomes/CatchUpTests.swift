import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// (PROTOCOL.md §8 Decision (catch-up)): a wake-up the PBX could not take at its time
/// rings late rather than never — once, within `wakeup.catchUpWindow`, never after a cancellation.
/// `OccurrenceStateMachine` decides; `now` comes with each event.
struct CatchUpStateMachineTests {
    typealias Base = OccurrenceStateMachineTests
    static let due = Base.due
    static let minute: TimeInterval = 60

    static func catchUps(_ actions: [OccurrenceStateMachine.Action]) -> [WakeUpOccurrence] {
        actions.compactMap { if case .catchUp(let occurrence) = $0 { occurrence } else { nil } }
    }

    /// The link drops at 06:28 (two minutes before the 06:30 wake-up on the PBX).
    static func downAt0628() -> OccurrenceStateMachine {
        var machine = Base.planned()
        #expect(machine.handle(.link(up: false), at: due - 2 * minute).isEmpty)
        return machine
    }

    @Test func aWakeUpDueWhileTheLinkWasDownWaitsForItInsteadOfEndingNotRung() {
        var machine = Self.downAt0628()
        let actions = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        #expect(Base.alerts(actions).isEmpty)
        let waiting = try? #require(Base.saved(actions).first)
        #expect(waiting?.state == .upcoming && waiting?.unreachableFrom == Self.due - 2 * Self.minute && waiting?.catchUpAt == nil)
        #expect(machine.nextDeadline == Self.due + 15 * Self.minute)
    }

    @Test func theLinkBackAt0634CatchesItUpAt0635AndItsAnswerIsLateWithOneAlert() throws {
        var machine = Self.downAt0628()
        _ = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        let back = machine.handle(.link(up: true), at: Self.due + 4 * Self.minute)
        let caught = try #require(Self.catchUps(back).first)
        #expect(Self.catchUps(back).count == 1)
        #expect(caught.catchUpAt == Self.due + 5 * Self.minute)
        #expect(caught.unreachableFrom == Self.due - 2 * Self.minute && caught.unreachableUntil == Self.due + 4 * Self.minute)
        #expect(!caught.onPBX)
        #expect(Base.alerts(back).isEmpty)
        // It is not ended at its old deadline: the catch-up's first attempt is awaited.
        #expect(machine.handle(.tick, at: Self.due + 5 * Self.minute).isEmpty)
        _ = machine.handle(Base.status(.wakeUpRinging), at: Self.due + 5 * Self.minute)
        let answered = machine.handle(Base.status(.talking), at: Self.due + 5 * Self.minute + 5)
        let final = try #require(Base.saved(answered).last)
        #expect(final.state == .answered)
        #expect(final.lateBy == 5 * Self.minute)
        #expect(Base.alerts(answered) == [.late])
        // Never a second catch-up, never another alert.
        #expect(machine.handle(.link(up: false), at: Self.due + 6 * Self.minute).isEmpty)
        #expect(machine.handle(.link(up: true), at: Self.due + 7 * Self.minute).isEmpty)
        #expect(machine.handle(.tick, at: Self.due + 30 * Self.minute).isEmpty)
    }

    @Test func theLinkDownPastTheWindowEndsSuppressedWithOneAlertAndNoCatchUp() {
        var machine = Self.downAt0628()
        _ = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        #expect(machine.handle(.tick, at: Self.due + 15 * Self.minute - 1).isEmpty)
        let actions = machine.handle(.tick, at: Self.due + 15 * Self.minute)
        #expect(Base.saved(actions).map(\.state) == [.suppressed])
        #expect(Base.alerts(actions) == [.suppressed])
        #expect(machine.handle(.link(up: true), at: Self.due + 20 * Self.minute).isEmpty)
    }

    @Test func aWakeUpCancelledDuringTheOutageIsNeverCaughtUp() {
        var machine = Self.downAt0628()
        // Reception cancels it at 06:31, while the planner would still hold it: it leaves the plan.
        let cancelled = machine.handle(.planned([], rooms: nil, occupied: ["1208"]), at: Self.due + Self.minute)
        #expect(Base.saved(cancelled).map(\.state) == [.cancelled])
        #expect(Base.alerts(cancelled).isEmpty)
        #expect(machine.handle(.tick, at: Self.due + 2 * Self.minute).isEmpty)
        #expect(Self.catchUps(machine.handle(.link(up: true), at: Self.due + 4 * Self.minute)).isEmpty)
    }

    @Test func aCatchUpWhoseBookingIsGoneFromThePlanBeforeItRingsIsCancelled() {
        var machine = Self.downAt0628()
        _ = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        _ = machine.handle(.link(up: true), at: Self.due + 4 * Self.minute)
        // The planner gives no catch-up entry (its booking was deleted): cancelled, no alert.
        let actions = machine.handle(.planned([], rooms: ["1208"], occupied: ["1208"]), at: Self.due + 4 * Self.minute + 1)
        #expect(Base.saved(actions).map(\.state) == [.cancelled])
        #expect(Base.alerts(actions).isEmpty)
        // A guest checked out: checkedOut.
        var other = Self.downAt0628()
        _ = other.handle(.tick, at: Self.due + 2 * Self.minute)
        _ = other.handle(.link(up: true), at: Self.due + 4 * Self.minute)
        #expect(Base.saved(other.handle(.planned([], rooms: nil, occupied: []), at: Self.due + 4 * Self.minute + 1)).map(\.state) == [.checkedOut])
    }

    @Test func aCatchUpThatDoesNotRingEitherEndsWithoutASecondCatchUp() {
        var machine = Self.downAt0628()
        _ = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        _ = machine.handle(.link(up: true), at: Self.due + 4 * Self.minute)
        #expect(machine.handle(.tick, at: Self.due + 7 * Self.minute - 1).isEmpty)
        let actions = machine.handle(.tick, at: Self.due + 7 * Self.minute)
        #expect(Base.saved(actions).map(\.state) == [.suppressed])  // the catch-up was never confirmed
        #expect(Self.catchUps(actions).isEmpty)
        #expect(Base.alerts(actions) == [.suppressed])
    }

    @Test func aWakeUpThePBXNeverConfirmedIsCaughtUpAtOnceWhenTheLinkIsUp() throws {
        var machine = Base.planned([Base.wakeUp(onPBX: false)])
        let actions = machine.handle(.tick, at: Self.due + 2 * Self.minute + 10)
        let caught = try #require(Self.catchUps(actions).first)
        #expect(caught.catchUpAt == Self.due + 3 * Self.minute)
        #expect(caught.unreachableFrom == nil)
        // The planner's catch-up entry, confirmed before its minute, makes it on the PBX.
        var confirmed = caught
        confirmed.onPBX = true
        _ = machine.handle(.planned([confirmed], rooms: nil, occupied: ["1208"]), at: Self.due + 2 * Self.minute + 20)
        #expect(Base.alerts(machine.handle(.tick, at: Self.due + 5 * Self.minute)) == [.notRung])
    }

    @Test func aWakeUpOnThePBXWithTheLinkUpThatDidNotRingIsNotRungAsBefore() {
        var machine = Base.planned()
        let actions = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        #expect(Self.catchUps(actions).isEmpty)
        #expect(Base.alerts(actions) == [.notRung])
    }

    @Test func aWindowOfZeroNeverCatchesUp() {
        var machine = Base.planned(configuration: .init(catchUpWindow: 0))
        _ = machine.handle(.link(up: false), at: Self.due - 2 * Self.minute)
        let actions = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        #expect(Base.alerts(actions) == [.notRung])
        #expect(machine.handle(.link(up: true), at: Self.due + 4 * Self.minute).isEmpty)
    }

    @Test func aReceptionOnlyCallIsNeverCaughtUp() {
        var machine = Base.planned([WakeUpOccurrence(room: "1208", phone: "8208", scheduledAt: Self.due, receptionOnly: true)])
        _ = machine.handle(.link(up: false), at: Self.due - 2 * Self.minute)
        let actions = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        #expect(Self.catchUps(actions).isEmpty && Base.saved(actions).allSatisfy { $0.catchUpAt == nil && $0.unreachableFrom == nil })
    }

    /// A pure network outage: the PBX had confirmed the wake-up, so it may have rung it on time,
    /// unheard; the catch-up rang it again and the alert says so (PROTOCOL.md §8 Decision (catch-up)).
    @Test func theLateAlertOfAWakeUpThePBXHeldSaysItMayAlsoHaveRungOnTime() throws {
        // The machine remembers it when it catches up: a wake-up the PBX had confirmed…
        var machine = Self.downAt0628()
        _ = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        let held = try #require(Self.catchUps(machine.handle(.link(up: true), at: Self.due + 4 * Self.minute)).first)
        #expect(held.heldByPBX && !held.onPBX)
        // …and one it never had.
        var never = Base.planned([Base.wakeUp(onPBX: false)])
        _ = never.handle(.link(up: false), at: Self.due - 2 * Self.minute)
        _ = never.handle(.tick, at: Self.due + 2 * Self.minute)
        let notHeld = try #require(Self.catchUps(never.handle(.link(up: true), at: Self.due + 4 * Self.minute)).first)
        #expect(!notHeld.heldByPBX)
        let clock: (Date) -> String = { _ in "06:28" }
        let params = Alert.params(kind: .late, room: "1201", guest: nil, time: "06:30", occurrence: held, clock: clock)
        #expect(params["heldByPBX"] == "true")
        #expect(Alert.message(kind: .late, params: params).hasSuffix(Alert.heldByPBX))
        let plain = Alert.params(kind: .late, room: "1201", guest: nil, time: "06:30", occurrence: notHeld, clock: clock)
        #expect(plain["heldByPBX"] == nil && !Alert.message(kind: .late, params: plain).contains("already held"))
    }

    @Test func theLateAlertSaysHowLateAndTheOutage() {
        let message = Alert.message(kind: .late, room: "1201", guest: "Guest 1", time: "06:30", attempts: 1)
            + Alert.lateness(late: 5, unreachable: ("06:28", "06:34"))
        #expect(message == "Wake-up 06:30 for room 1201 (Guest 1) was answered — rang 5 min late (PBX was unreachable 06:28–06:34)")
        #expect(Alert.lateness(late: nil, unreachable: ("06:28", nil)) == " (PBX was unreachable since 06:28)")
        #expect(Alert.lateness(late: nil, unreachable: nil).isEmpty)
    }
}

/// The planner's side of a catch-up: a one-off entry at the catch-up's minute while its booking stands.
struct CatchUpPlanningTests {
    static func hotel() -> Hotel {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        hotel.snapshot.upsert(WakeUpPolicy(
            id: 7, room: "1208", time: time("06:30"), recurrence: .daily(from: day("2026-11-24"), days: 3),
            options: WakeUpOptions(frequency: 5, attempts: 2, prompt: "wake.gsm")))
        hotel.snapshot.setCatchUps([CatchUp(room: "1208", scheduledAt: hotel.at("2026-11-25 06:30"), at: hotel.at("2026-11-25 06:35"))])
        return hotel
    }

    @Test func aCatchUpIsAOneOffEntryAtItsMinuteWithTheBookingsPromptAndAttempts() throws {
        let hotel = Self.hotel()
        let desired = hotel.desired("1208", now: "2026-11-25 06:34")
        let late = try #require(desired.wakeUps.first { $0.catchUpOf != nil })
        #expect(late.catchUpOf == hotel.at("2026-11-25 06:30") && late.at == hotel.at("2026-11-25 06:35"))
        #expect(late.entry.start == time("06:35") && late.entry.days == 1 && late.entry.prompt == "wake.gsm" && late.entry.attempts == 2)
        // Pushed ahead of everything: its list's soonest wake-up is the one it catches up.
        #expect(hotel.alarms("1208", now: "2026-11-25 06:34").contains("06:35"))
        // Its occurrence is the 06:30 one, caught up.
        let planned = WakeUpOccurrence.planned([desired], snapshot: hotel.snapshot, acknowledged: [:], now: hotel.at("2026-11-25 06:34"))
        #expect(planned.map(\.scheduledAt) == [hotel.at("2026-11-25 06:30")])
        #expect(planned.first?.catchUpAt == hotel.at("2026-11-25 06:35"))
        // Gone once its last attempt and the tail are over.
        #expect(!hotel.alarms("1208", now: "2026-11-25 06:42").contains("06:35"))
    }

    @Test func aCancelledBookingOrACheckedOutGuestTakesTheCatchUpOffThePBX() {
        var cancelled = Hotel()
        cancelled.checkIn(1, room: "1208")
        cancelled.snapshot.setCatchUps([CatchUp(room: "1208", scheduledAt: cancelled.at("2026-11-25 06:30"), at: cancelled.at("2026-11-25 06:35"))])
        #expect(cancelled.desired("1208", now: "2026-11-25 06:34").wakeUps.isEmpty)
        var left = Self.hotel()
        left.checkIn(1, room: "1208", to: "2026-11-25 06:33")
        #expect(left.desired("1208", now: "2026-11-25 06:34").wakeUps.isEmpty)
    }
}

/// Between two rings of a daily wake-up the list never drops the next one, and the
/// next day's entry is planned the moment the last attempt's window ends.
struct ListBetweenRingsTests {
    @Test(arguments: [1, 3])
    func aDailyWakeUpIsNeverOffTheListBetweenTwoRings(attempts: Int) throws {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        hotel.snapshot.upsert(WakeUpPolicy(
            id: 1, room: "1208", time: time("06:30"), recurrence: .daily(from: day("2026-11-24"), days: 4),
            options: WakeUpOptions(frequency: 5, attempts: attempts)))
        let today = hotel.at("2026-11-25 06:30")
        let windowEnds = today.addingTimeInterval(TimeInterval((attempts - 1) * 5 * 60) + Planner.activeTail)
        // Every 10 s from 06:00 to 07:30, and at the boundary itself.
        for step in 0...540 {
            let now = hotel.at("2026-11-25 06:00").addingTimeInterval(TimeInterval(step * 10))
            let wakeUps = try #require(hotel.planner.desired(room: "1208", in: hotel.snapshot, now: now)).wakeUps
            #expect(wakeUps.count == 1, "no entry at \(hotel.calendar.wallClock(now))")
            // Today's until its window ends, tomorrow's from that instant: within 60 s of it.
            #expect(wakeUps.first?.at == (now < windowEnds ? today : today + 86_400), "\(hotel.calendar.wallClock(now))")
        }
    }
}

/// Many wake-ups caught up together (a tour group during an outage) are spread so that every
/// list can be pushed (1–2 s apart, §4.4) before its minute.
struct CatchUpSpreadTests {
    @Test func aGroupCaughtUpTogetherIsSpreadTwoSecondsAPlaceOverTheNextMinutes() {
        let due = OccurrenceStateMachineTests.due
        let group = (0..<200).map { index in
            WakeUpOccurrence(room: String(1001 + index), phone: String(8001 + index), scheduledAt: due, plannedAttempts: 1, onPBX: true)
        }
        var machine = OccurrenceStateMachine()
        _ = machine.handle(.planned(group, rooms: nil, occupied: Set(group.map(\.room))), at: due - 3600)
        _ = machine.handle(.link(up: false), at: due - 120)
        _ = machine.handle(.tick, at: due + 120)
        let back = due + 240
        let caught = machine.handle(.link(up: true), at: back).compactMap { action -> WakeUpOccurrence? in
            if case .catchUp(let occurrence) = action { occurrence } else { nil }
        }
        #expect(caught.count == 200)
        for (place, occurrence) in caught.enumerated() {
            let at = occurrence.catchUpAt ?? .distantPast
            #expect(at >= back + 30 + Double(place) * 2 && at.timeIntervalSince(back + 30 + Double(place) * 2) < 60)
        }
        #expect(caught.first?.catchUpAt == due + 300 && caught.last?.catchUpAt == due + 720)
    }
}

extension CatchUpPlanningTests {
    @Test func aCatchUpWhoseMinuteAnotherWakeUpOfTheRoomTakesMovesToTheNextFreeOne() throws {
        var hotel = Self.hotel()
        hotel.snapshot.upsert(WakeUpPolicy(id: 8, room: "1208", time: time("06:35"), recurrence: .once(day("2026-11-25"))))
        let desired = hotel.desired("1208", now: "2026-11-25 06:34")
        let late = try #require(desired.wakeUps.first { $0.catchUpOf != nil })
        #expect(late.at == hotel.at("2026-11-25 06:36") && late.entry.start == time("06:36"))
        #expect(desired.wakeUps.contains { $0.catchUpOf == nil && $0.entry.start == time("06:35") })
    }
}

extension CatchUpStateMachineTests {
    @Test func aCatchUpThePlannerMovedToTheNextFreeMinuteRingsThen() throws {
        var machine = Self.downAt0628()
        _ = machine.handle(.tick, at: Self.due + 2 * Self.minute)
        let caught = try #require(Self.catchUps(machine.handle(.link(up: true), at: Self.due + 4 * Self.minute)).first)
        var moved = caught
        moved.catchUpAt = Self.due + 6 * Self.minute
        moved.onPBX = true
        let adopted = machine.handle(.planned([moved], rooms: nil, occupied: ["1208"]), at: Self.due + 4 * Self.minute + 5)
        #expect(Base.saved(adopted).last?.catchUpAt == Self.due + 6 * Self.minute)
        #expect(machine.handle(.tick, at: Self.due + 7 * Self.minute).isEmpty)  // not given up at the old minute's grace
        _ = machine.handle(Base.status(.wakeUpRinging), at: Self.due + 6 * Self.minute)
        let answered = machine.handle(Base.status(.talking), at: Self.due + 6 * Self.minute + 5)
        #expect(Base.saved(answered).last?.lateBy == 6 * Self.minute)
        #expect(Base.alerts(answered) == [.late])
    }
}
