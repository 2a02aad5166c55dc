import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// `OccurrenceStateMachine`: every wake-up gets an outcome from ExtenStatus
/// (§5.3: 10 → 6 answered, 10 → other unanswered) and CDRs (§5.1), and every outcome but answered,
/// cancelled and checked out raises an alert at once. No clock: `now` comes with each event.
struct OccurrenceStateMachineTests {
    /// 2026-11-25 06:30 in Shanghai.
    static let due = Date(timeIntervalSince1970: 1_795_559_400)

    static func wakeUp(room: String = "1208", phone: String = "8208", at: Date = due, attempts: Int = 3, onPBX: Bool = true)
        -> WakeUpOccurrence
    {
        WakeUpOccurrence(room: room, phone: phone, guest: "Zhang Wei", scheduledAt: at, plannedAttempts: attempts, frequency: 5, onPBX: onPBX)
    }

    static func status(_ state: ExtensionStatus.State, _ phone: String = "8208") -> OccurrenceStateMachine.Event {
        .extenStatus(ExtenStatus(exten: phone, channelID: "SIP/\(phone)-1", status: ExtensionStatus(state)))
    }

    /// A machine that planned `occurrences` an hour before they are due.
    static func planned(
        _ occurrences: [WakeUpOccurrence] = [wakeUp()], configuration: OccurrenceStateMachine.Configuration = .init()
    ) -> OccurrenceStateMachine {
        var machine = OccurrenceStateMachine(configuration: configuration)
        let actions = machine.handle(.planned(occurrences, rooms: nil, occupied: ["1208", "1209"]), at: due - 3600)
        #expect(actions.count == occurrences.count)
        return machine
    }

    static func saved(_ actions: [OccurrenceStateMachine.Action]) -> [WakeUpOccurrence] {
        actions.compactMap { if case .save(let occurrence) = $0 { occurrence } else { nil } }
    }

    static func alerts(_ actions: [OccurrenceStateMachine.Action]) -> [AlertKind] {
        actions.compactMap { if case .alert(let kind, _) = $0 { kind } else { nil } }
    }

    /// Rings attempt `index` (0-based) and ends it with `end` (6 then 0 for answered).
    static func ring(_ machine: inout OccurrenceStateMachine, attempt index: Int, answered: Bool, phone: String = "8208")
        -> [OccurrenceStateMachine.Action]
    {
        let at = due + TimeInterval(index * 300)
        var actions = machine.handle(status(.wakeUpRinging, phone), at: at)
        actions += machine.handle(status(answered ? .talking : .offline, phone), at: at + 30)
        return actions
    }

    @Test func aPlannedWakeUpIsRecordedAsUpcoming() {
        var machine = OccurrenceStateMachine()
        let actions = machine.handle(.planned([Self.wakeUp()], rooms: nil, occupied: ["1208"]), at: Self.due - 3600)
        #expect(Self.saved(actions).map(\.state) == [.upcoming])
        #expect(machine.nextDeadline == Self.due + 120)
        // Planned again unchanged: nothing to store.
        #expect(machine.handle(.planned([Self.wakeUp()], rooms: nil, occupied: ["1208"]), at: Self.due - 3000).isEmpty)
    }

    @Test func answeredOnTheFirstAttemptIsAnsweredWithoutAlert() {
        var machine = Self.planned()
        let ringing = machine.handle(Self.status(.wakeUpRinging), at: Self.due)
        #expect(Self.saved(ringing).map(\.state) == [.ringing])
        let actions = machine.handle(Self.status(.talking), at: Self.due + 10)
        let final = Self.saved(actions).last
        #expect(final?.state == .answered)
        #expect(final?.attempts == [OccurrenceAttempt(at: Self.due, result: .answered)])
        #expect(Self.alerts(actions).isEmpty)
        #expect(machine.nextDeadline == nil)
    }

    @Test func answeredOnTheSecondAttemptKeepsTheFirstAsUnanswered() {
        var machine = Self.planned()
        let first = Self.ring(&machine, attempt: 0, answered: false)
        #expect(Self.saved(first).last?.state == .ringing)
        #expect(Self.alerts(first).isEmpty)
        let second = Self.ring(&machine, attempt: 1, answered: true)
        #expect(Self.saved(second).last?.state == .answered)
        #expect(Self.saved(second).last?.attempts.map(\.result) == [.unanswered, .answered])
        #expect(Self.alerts(second).isEmpty)
    }

    @Test func neverAnsweredIsUnansweredWithAnAlertAtTheEndOfTheLastAttempt() {
        var machine = Self.planned()
        _ = Self.ring(&machine, attempt: 0, answered: false)
        _ = Self.ring(&machine, attempt: 1, answered: false)
        let last = Self.ring(&machine, attempt: 2, answered: false)
        #expect(Self.saved(last).last?.state == .unanswered)
        #expect(Self.saved(last).last?.attempts.count == 3)
        // Raised with the event that ended the last attempt: well within 60 s of it.
        #expect(Self.alerts(last) == [.unanswered])
    }

    @Test func noRingWithinTheGraceIsNotRungWithAnAlert() {
        var machine = Self.planned()
        #expect(machine.handle(.tick, at: Self.due + 119).isEmpty)
        let actions = machine.handle(.tick, at: Self.due + 120)
        #expect(Self.saved(actions).map(\.state) == [.notRung])
        #expect(Self.alerts(actions) == [.notRung])
        // A ring long after is not attributed to it any more.
        #expect(machine.handle(Self.status(.wakeUpRinging), at: Self.due + 600).isEmpty)
    }

    @Test func aWakeUpThePBXNeverConfirmedAndThatDidNotRingIsSuppressedWithoutCatchUp() {
        var machine = Self.planned([Self.wakeUp(onPBX: false)], configuration: .init(catchUpWindow: 0))
        let actions = machine.handle(.tick, at: Self.due + 121)
        #expect(Self.saved(actions).map(\.state) == [.suppressed])
        #expect(Self.alerts(actions) == [.suppressed])
    }

    @Test func confirmedOnceBeforeItsTimeStaysConfirmed() {
        var machine = Self.planned([Self.wakeUp(onPBX: false)])
        _ = machine.handle(.planned([Self.wakeUp(onPBX: true)], rooms: nil, occupied: ["1208"]), at: Self.due - 600)
        // The acknowledgement forgotten later (a login's verification) does not make it unconfirmed.
        _ = machine.handle(.planned([Self.wakeUp(onPBX: false)], rooms: nil, occupied: ["1208"]), at: Self.due - 60)
        #expect(Self.alerts(machine.handle(.tick, at: Self.due + 121)) == [.notRung])
    }

    @Test func aBusyLineAtEveryAttemptIsBusy() {
        var machine = Self.planned([Self.wakeUp(attempts: 2)])
        let first = machine.handle(.cdr(phone: "8208", start: Self.due, disposition: .busy), at: Self.due + 1)
        #expect(Self.alerts(first).isEmpty)
        let second = machine.handle(.cdr(phone: "8208", start: Self.due + 300, disposition: .busy), at: Self.due + 301)
        #expect(Self.saved(second).last?.state == .busy)
        #expect(Self.saved(second).last?.attempts.map(\.result) == [.busy, .busy])
        #expect(Self.alerts(second) == [.busy])
    }

    @Test func fewerRingsThanPlannedEndUnansweredAfterTheGrace() {
        var machine = Self.planned()
        _ = Self.ring(&machine, attempt: 0, answered: false)
        #expect(machine.handle(.tick, at: Self.due + 600 + 119).isEmpty)
        let actions = machine.handle(.tick, at: Self.due + 600 + 120)
        #expect(Self.saved(actions).map(\.state) == [.unanswered])
        #expect(Self.alerts(actions) == [.unanswered])
    }

    @Test func removedBeforeItsTimeWithTheGuestInHouseIsCancelledWithoutAlert() {
        var machine = Self.planned()
        let actions = machine.handle(.planned([], rooms: nil, occupied: ["1208"]), at: Self.due - 600)
        #expect(Self.saved(actions).map(\.state) == [.cancelled])
        #expect(Self.alerts(actions).isEmpty)
        #expect(machine.handle(.tick, at: Self.due + 600).isEmpty)
    }

    /// A room move: the guest's wake-up leaves 1208 and is planned in 1210 at the same time. The
    /// 1208 record is forgotten (not "checked out", not "cancelled"); 1210's rings and is answered.
    @Test func aWakeUpThatMovesWithItsGuestIsForgottenInTheOldRoomAndRecordedInTheNew() {
        var machine = Self.planned()
        let moved = Self.wakeUp(room: "1210", phone: "8210")
        let actions = machine.handle(.planned([moved], rooms: ["1208", "1210"], occupied: ["1210"]), at: Self.due - 600)
        #expect(Self.saved(actions).map(\.room) == ["1210"] && Self.saved(actions).map(\.state) == [.upcoming])
        #expect(actions.contains(.forget(Self.wakeUp())))
        #expect(Self.alerts(actions).isEmpty)
        #expect(machine.pendingOccurrences.map(\.room) == ["1210"])
        let rang = Self.ring(&machine, attempt: 0, answered: true, phone: "8210")
        #expect(Self.saved(rang).last.map { ($0.room, $0.state) } ?? ("", .upcoming) == ("1210", .answered))
        // The old room's extension ringing now belongs to nothing.
        #expect(machine.handle(Self.status(.wakeUpRinging), at: Self.due + 5).isEmpty)
    }

    /// Another guest's wake-up at the same time in another room is no move: the left one is checked out.
    @Test func aWakeUpOfAnotherGuestElsewhereIsNoMove() {
        var machine = Self.planned()
        var other = Self.wakeUp(room: "1210", phone: "8210")
        other.guest = "Li Na"
        let actions = machine.handle(.planned([other], rooms: nil, occupied: ["1210"]), at: Self.due - 600)
        #expect(Self.saved(actions).map(\.state).sorted { $0.rawValue < $1.rawValue } == [.checkedOut, .upcoming])
        #expect(!actions.contains { if case .forget = $0 { true } else { false } })
    }

    @Test func removedBeforeItsTimeAfterCheckOutIsCheckedOut() {
        var machine = Self.planned()
        let actions = machine.handle(.planned([], rooms: nil, occupied: []), at: Self.due - 600)
        #expect(Self.saved(actions).map(\.state) == [.checkedOut])
        #expect(Self.alerts(actions).isEmpty)
    }

    @Test func aPlanOfOtherRoomsLeavesThisOneAlone() {
        var machine = Self.planned()
        #expect(machine.handle(.planned([], rooms: ["1209"], occupied: []), at: Self.due - 600).isEmpty)
        #expect(machine.pendingOccurrences.count == 1)
    }

    @Test func anAnsweredCDRCorrectsAnAttemptTheStatusEventsCalledUnanswered() {
        var machine = Self.planned([Self.wakeUp(attempts: 1)])
        let rung = Self.ring(&machine, attempt: 0, answered: false)
        #expect(Self.saved(rung).last?.state == .unanswered)
        let corrected = machine.handle(.cdr(phone: "8208", start: Self.due + 2, disposition: .answered), at: Self.due + 40)
        #expect(Self.saved(corrected).last?.state == .answered)
        #expect(Self.saved(corrected).last?.attempts == [OccurrenceAttempt(at: Self.due, result: .answered)])
        #expect(Self.alerts(corrected).isEmpty)
    }

    @Test func aCDRForAnAttemptTheStatusEventsMissedIsAdded() {
        var machine = Self.planned()
        let actions = machine.handle(.cdr(phone: "8208", start: Self.due + 1, disposition: .answered), at: Self.due + 30)
        #expect(Self.saved(actions).last?.state == .answered)
        #expect(Self.saved(actions).last?.attempts.count == 1)
    }

    @Test func ringsOfOtherExtensionsOrFarFromTheTimeAreNotAttributed() {
        var machine = Self.planned()
        #expect(Self.ring(&machine, attempt: 0, answered: true, phone: "8209").isEmpty)
        #expect(machine.handle(Self.status(.wakeUpRinging), at: Self.due - 3000).isEmpty)
        #expect(machine.handle(.cdr(phone: "8208", start: Self.due + 150, disposition: .answered), at: Self.due + 160).isEmpty)
        #expect(machine.pendingOccurrences.map(\.state) == [.upcoming])
    }

    @Test func aRestartedMachineContinuesFromTheStoredOccurrences() {
        var before = Self.planned()
        let ringing = Self.saved(Self.ring(&before, attempt: 0, answered: false)).last!
        var after = OccurrenceStateMachine(known: [ringing])
        _ = Self.ring(&after, attempt: 1, answered: false)
        let last = Self.ring(&after, attempt: 2, answered: false)
        #expect(Self.saved(last).last?.attempts.count == 3)
        #expect(Self.alerts(last) == [.unanswered])
        // A finished occurrence planned again (the planner keeps it a little after its last
        // attempt) is not recorded twice.
        var finished = OccurrenceStateMachine(known: [Self.saved(last).last!])
        #expect(finished.handle(.planned([Self.wakeUp()], rooms: nil, occupied: ["1208"]), at: Self.due + 700).isEmpty)
    }
}

/// In the outcome machine: a personal call alerts reception at its time, once; a
/// reception-only one takes no ring and ends `byReception` with that alert.
struct PersonalCallStateMachineTests {
    typealias Base = OccurrenceStateMachineTests
    static let due = Base.due

    static func machine(_ occurrence: WakeUpOccurrence) -> OccurrenceStateMachine {
        var machine = OccurrenceStateMachine()
        _ = machine.handle(.planned([occurrence], rooms: nil, occupied: ["1208"]), at: due - 3600)
        return machine
    }

    @Test func aPersonalCallIsDueAtItsTimeAndAlertsOnce() {
        var personal = Base.wakeUp()
        personal.personal = true
        var machine = Self.machine(personal)
        #expect(machine.nextDeadline == Self.due)
        #expect(Base.alerts(machine.handle(.tick, at: Self.due - 1)).isEmpty)
        let actions = machine.handle(.tick, at: Self.due)
        #expect(Base.alerts(actions) == [.personalCall])
        #expect(Base.saved(actions).first?.personalAlertedAt == Self.due)
        #expect(Base.saved(actions).first?.state == .upcoming)  // still waiting for its ring
        #expect(Base.alerts(machine.handle(.tick, at: Self.due + 30)).isEmpty)
        #expect(machine.nextDeadline == Self.due + 120)  // the not-rung grace, as for any wake-up
        // It still rings and is answered as usual.
        #expect(Base.saved(Base.ring(&machine, attempt: 0, answered: true)).last?.state == .answered)
    }

    @Test func aReceptionOnlyCallEndsByReceptionAndTakesNoRing() {
        var receptionOnly = Base.wakeUp(onPBX: false)
        receptionOnly.receptionOnly = true
        receptionOnly.personal = true
        var machine = Self.machine(receptionOnly)
        // A ring of the room's extension just before its time is not this occurrence's.
        #expect(Base.saved(machine.handle(Base.status(.wakeUpRinging), at: Self.due - 30)).isEmpty)
        let actions = machine.handle(.tick, at: Self.due)
        #expect(Base.alerts(actions) == [.personalCall])
        #expect(Base.saved(actions).last?.state == .byReception)
        #expect(machine.pendingOccurrences.isEmpty)
        #expect(Base.alerts(machine.handle(.tick, at: Self.due + 600)).isEmpty)  // not suppressed later
    }

    @Test func aPersonalCallAnsweredEarlyStillAlertsReceptionOnce() {
        var personal = Base.wakeUp()
        personal.personal = true
        var machine = Self.machine(personal)
        // The PBX's clock runs 40 s ahead: the guest answers before the wake-up's time.
        var actions = machine.handle(Base.status(.wakeUpRinging), at: Self.due - 40)
        actions += machine.handle(Base.status(.talking), at: Self.due - 30)
        #expect(Base.saved(actions).last?.state == .answered)
        #expect(Base.alerts(actions) == [.personalCall])
        #expect(Base.alerts(machine.handle(.tick, at: Self.due)).isEmpty)
    }

    @Test func aPersonalCallCancelledBeforeItsTimeNeverAlerts() {
        var personal = Base.wakeUp()
        personal.personal = true
        var machine = Self.machine(personal)
        let cancelled = machine.handle(.planned([], rooms: ["1208"], occupied: ["1208"]), at: Self.due - 600)
        #expect(Base.saved(cancelled).map(\.state) == [.cancelled])
        #expect(Base.alerts(machine.handle(.tick, at: Self.due)).isEmpty)
        #expect(machine.nextDeadline == nil)
    }
}
