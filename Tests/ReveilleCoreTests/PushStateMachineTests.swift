import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// `PushStateMachine`: the outage, resync, priority, pacing, retry and alert rules,
/// without sockets, SQLite or a clock — `now` is passed in.
struct PushStateMachineTests {
    /// 2026-11-24 20:00 in Shanghai.
    static let t0 = Date(timeIntervalSince1970: 1_795_521_600)
    static let calendar = HotelCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    static func machine(lastAcknowledged: Date? = t0, now: Date = t0, configure: (inout PushConfiguration) -> Void = { _ in })
        -> PushStateMachine
    {
        var configuration = PushConfiguration()
        configure(&configuration)
        return PushStateMachine(
            configuration: configuration, calendar: calendar, lastAcknowledged: lastAcknowledged, now: now, random: { 0.5 })
    }

    static func wakeUp(_ id: Int64, due: Date = t0 + 3600, group: Int64? = nil) -> PendingPush {
        PendingPush(id: id, kind: .alarmClock, groupID: group, dueAt: due)
    }

    static func name(_ id: Int64) -> PendingPush { PendingPush(id: id, kind: .name) }

    /// A machine that has started, planned `queue` and logged in (verification done, planned again).
    static func loggedIn(_ queue: [PendingPush], at now: Date = t0, configure: (inout PushConfiguration) -> Void = { _ in })
        -> PushStateMachine
    {
        var machine = machine(now: now, configure: configure)
        #expect(machine.next(at: now) == .plan(rooms: nil))
        _ = machine.planned(queue, unconfirmed: [], at: now)
        machine.loggedIn(at: now)
        #expect(machine.next(at: now) == .forgetAcknowledged(.verifyAfterLogin))
        #expect(machine.next(at: now) == .plan(rooms: nil))
        _ = machine.planned(queue, unconfirmed: [], at: now)
        return machine
    }

    /// Pushes whatever the machine offers at `now`, answering Success, until it waits.
    static func drain(_ machine: inout PushStateMachine, at now: Date) -> (pushed: [Int64], wait: PushStateMachine.Action) {
        var pushed: [Int64] = []
        while case .push(let id) = machine.next(at: now) {
            pushed.append(id)
            _ = machine.answered(id, .success, at: now)
        }
        return (pushed, machine.next(at: now))
    }

    /// The next action other than a plan: plans are answered with the queue the machine holds
    /// (as the outbox would).
    static func nextAfterPlans(_ machine: inout PushStateMachine, at now: Date) -> PushStateMachine.Action {
        while true {
            let action = machine.next(at: now)
            guard case .plan = action else { return action }
            _ = machine.planned(machine.waiting, unconfirmed: nil, at: now)
        }
    }

    @Test func startPlansEverythingAndPushesNothingWhileTheLinkIsDown() {
        var machine = Self.machine()
        #expect(machine.next(at: Self.t0) == .plan(rooms: nil))
        _ = machine.planned([Self.wakeUp(1)], unconfirmed: [], at: Self.t0)
        #expect(machine.next(at: Self.t0) == .wait(until: Self.t0 + 60, reason: .linkDown))
        // The next plan is due a replan interval later, link or not.
        #expect(machine.next(at: Self.t0 + 60) == .plan(rooms: nil))
    }

    @Test func everyLoginVerifiesEverySettingThenPushesInTheOrderLoaded() {
        var machine = Self.loggedIn([Self.wakeUp(3), Self.wakeUp(1), Self.name(2)]) { $0.pacing.interval = .zero }
        #expect(Self.drain(&machine, at: Self.t0).pushed == [3, 1, 2])
    }

    @Test func loginAfterAnOutageLongerThanTheLimitIsAFullResyncMeasuredFromTheLastAcknowledgement() {
        // The service starts 10 min after the last acknowledgement: the first login resyncs.
        var machine = Self.machine(lastAcknowledged: Self.t0 - 600)
        _ = machine.next(at: Self.t0)
        machine.loggedIn(at: Self.t0)
        guard case .forgetAcknowledged(.resync(let reason)) = machine.next(at: Self.t0) else {
            Issue.record("expected a resync")
            return
        }
        #expect(reason.hasPrefix("outage since"))
        // A drop of 2 minutes then: verification only.
        machine.linkWentDown(at: Self.t0 + 10)
        machine.loggedIn(at: Self.t0 + 130)
        #expect(machine.next(at: Self.t0 + 130) == .forgetAcknowledged(.verifyAfterLogin))
    }

    @Test func aDropAndALoginBetweenTwoLooksStillCountAsAnOutageFromTheDrop() {
        var machine = Self.loggedIn([])
        machine.linkWentDown(at: Self.t0 + 1)
        machine.loggedIn(at: Self.t0 + 400)
        guard case .forgetAcknowledged(.resync) = machine.next(at: Self.t0 + 400) else {
            Issue.record("expected a resync after 399 s down")
            return
        }
    }

    @Test func pushesArePacedByTheIntervalAndNothingGoesWhileOneIsInFlight() {
        var machine = Self.loggedIn([Self.name(1), Self.name(2)]) { $0.pacing.interval = .milliseconds(200) }
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.next(at: Self.t0) == .wait(until: nil, reason: .pacing))  // 1 is in flight
        _ = machine.answered(1, .success, at: Self.t0)
        #expect(machine.next(at: Self.t0 + 0.1) == .wait(until: Self.t0 + 0.2, reason: .pacing))
        #expect(machine.next(at: Self.t0 + 0.2) == .push(id: 2))
    }

    @Test func aGroupsPushesAreOneToTwoSecondsApartAndOthersGoInBetween() {
        var machine = Self.loggedIn([Self.wakeUp(1, group: 7), Self.wakeUp(2, group: 7), Self.name(3)]) {
            $0.pacing.interval = .zero
        }
        #expect(Self.drain(&machine, at: Self.t0).pushed == [1, 3])
        // random 0.5: the mean spacing, 1.5 s (§4.4).
        #expect(machine.next(at: Self.t0) == .wait(until: Self.t0 + 1.5, reason: .pacing))
        #expect(machine.next(at: Self.t0 + 1.5) == .push(id: 2))
    }

    @Test func aRefusedWakeUpIsRetriedWithCappedBackoffForAsLongAsItIsAhead() {
        let due = Self.t0 + 6 * 3600
        var machine = Self.loggedIn([Self.wakeUp(1, due: due)]) { $0.maximumAttempts = 2 }
        var now = Self.t0
        var delays: [TimeInterval] = []
        for _ in 0..<8 {
            #expect(Self.nextAfterPlans(&machine, at: now) == .push(id: 1))
            guard case .recordFailure(1, "Error", let retryAt?) = machine.answered(1, .refused("Error"), at: now).first else {
                Issue.record("a wake-up ahead was given up")
                return
            }
            delays.append(retryAt.timeIntervalSince(now))
            now = retryAt
        }
        // 15 s doubling, capped at 10 min by maximumRetryDelay (and at 15 min for wake-ups).
        #expect(delays == [15, 30, 60, 120, 240, 480, 600, 600])
    }

    @Test func aRefusedWakeUpWhoseTimeHasPassedAndOtherCommandsFailAfterMaximumAttempts() {
        var machine = Self.loggedIn([Self.name(1), Self.wakeUp(2, due: Self.t0 - 60)]) { $0.maximumAttempts = 2 }
        var now = Self.t0
        var failed: [Int64] = []
        while failed.count < 2 {
            guard case .push(let id) = Self.nextAfterPlans(&machine, at: now) else {
                now += 1
                continue
            }
            if case .recordFailure(_, _, nil) = machine.answered(id, .timedOut("timed out"), at: now).first { failed.append(id) }
        }
        #expect(failed.sorted() == [1, 2])
        #expect(machine.waiting.isEmpty)
        #expect(machine.next(at: now + 3600) == .plan(rooms: nil))
    }

    @Test func aLinkFailureRequeuesWithoutCountingAndTheCommandGoesFirstAfterTheNextLogin() {
        var machine = Self.loggedIn([Self.wakeUp(1), Self.wakeUp(2)]) { $0.pacing.interval = .zero }
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .linkLost, at: Self.t0) == [.requeue(id: 1)])
        machine.linkWentDown(at: Self.t0)
        #expect(machine.next(at: Self.t0) == .wait(until: Self.t0 + 60, reason: .linkDown))
        machine.loggedIn(at: Self.t0 + 5)
        #expect(machine.next(at: Self.t0 + 5) == .forgetAcknowledged(.verifyAfterLogin))
        #expect(machine.next(at: Self.t0 + 5) == .plan(rooms: nil))
        _ = machine.planned([Self.wakeUp(1), Self.wakeUp(2)], unconfirmed: [], at: Self.t0 + 5)
        #expect(machine.next(at: Self.t0 + 5) == .push(id: 1))
        #expect(machine.waiting.first?.attempts == 0)
    }

    @Test func anInvalidCommandFailsAtOnceIsAlertedAndTheNextOneGoes() {
        var machine = Self.loggedIn([Self.name(1), Self.name(2)]) { $0.pacing.interval = .zero }
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .invalid("bad"), at: Self.t0) == [
            .recordFailure(id: 1, error: "bad", retryAt: nil), .alertFailed(id: 1, error: "bad"),
        ])
        #expect(machine.next(at: Self.t0) == .push(id: 2))
    }

    @Test func aFailedPushIsAlertedOnceHoweverOftenItFailsAgainAfterALogin() {
        var machine = Self.loggedIn([Self.name(1)]) { $0.pacing.interval = .zero }
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .invalid("bad"), at: Self.t0).count == 2)
        machine.linkWentDown(at: Self.t0 + 1)
        machine.loggedIn(at: Self.t0 + 2)
        #expect(machine.next(at: Self.t0 + 2) == .forgetAcknowledged(.verifyAfterLogin))
        #expect(machine.next(at: Self.t0 + 2) == .plan(rooms: nil))
        _ = machine.planned([Self.name(1)], unconfirmed: [], at: Self.t0 + 2)  // retried after the login
        #expect(machine.next(at: Self.t0 + 2) == .push(id: 1))
        #expect(machine.answered(1, .invalid("bad"), at: Self.t0 + 2) == [.recordFailure(id: 1, error: "bad", retryAt: nil)])
    }

    /// A push the PBX answers by closing the connection (§1: a message it cannot take) would drop
    /// the link after every login forever: the second drop in a row with it in flight fails it.
    @Test func aPushInFlightWhenTheLinkDropsTwiceInARowIsFailedAndAlerted() {
        var machine = Self.loggedIn([Self.name(1), Self.name(2)]) { $0.pacing.interval = .zero }
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .linkDropped("closed by the PBX"), at: Self.t0) == [.requeue(id: 1)])
        machine.linkWentDown(at: Self.t0)
        machine.loggedIn(at: Self.t0 + 5)
        #expect(Self.nextAfterPlans(&machine, at: Self.t0 + 5) == .forgetAcknowledged(.verifyAfterLogin))
        #expect(Self.nextAfterPlans(&machine, at: Self.t0 + 5) == .push(id: 1))
        let effects = machine.answered(1, .linkDropped("closed by the PBX"), at: Self.t0 + 5)
        let error = "\(PushStateMachine.droppedLinkError) while in flight (last: closed by the PBX)"
        #expect(effects == [.recordFailure(id: 1, error: error, retryAt: nil), .alertFailed(id: 1, error: error)])
        #expect(machine.waiting.map(\.id) == [2])
    }

    @Test func aDropBetweenTwoSuccessesOrANeverWrittenPushDoesNotCountAsTheSecondDrop() {
        var machine = Self.loggedIn([Self.name(1)]) { $0.pacing.interval = .zero }
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .linkDropped("reset"), at: Self.t0) == [.requeue(id: 1)])
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .linkLost, at: Self.t0) == [.requeue(id: 1)])  // not written: neutral
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .success, at: Self.t0) == [.recordSuccess(id: 1)])
        _ = machine.planned([Self.name(1)], unconfirmed: [], at: Self.t0)
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        #expect(machine.answered(1, .linkDropped("reset"), at: Self.t0) == [.requeue(id: 1)])  // a fresh count
    }

    @Test func aVanishedRowIsDroppedAndTheNextOneGoes() {
        var machine = Self.loggedIn([Self.name(1), Self.name(2)]) { $0.pacing.interval = .zero }
        #expect(machine.next(at: Self.t0) == .push(id: 1))
        machine.vanished(1)
        #expect(machine.next(at: Self.t0) == .push(id: 2))
    }

    @Test func changedRoomsArePlannedTogetherAndAnyUnknownChangePlansEverything() {
        var machine = Self.loggedIn([])
        machine.changed(rooms: ["1201"])
        machine.changed(rooms: ["1202"])
        #expect(machine.next(at: Self.t0) == .plan(rooms: ["1201", "1202"]))
        _ = machine.planned([], unconfirmed: nil, at: Self.t0)
        machine.changed(rooms: ["1201"])
        machine.changed(rooms: nil)
        #expect(machine.next(at: Self.t0) == .plan(rooms: nil))
    }

    @Test func aWakeUpUnconfirmedForThirtySecondsIsAlertedOncePerOccurrence() {
        var machine = Self.loggedIn([])
        let soon = UnconfirmedWakeUp(room: "1201", phone: "8201", at: Self.t0 + 1800)
        #expect(machine.planned([], unconfirmed: [soon], at: Self.t0).isEmpty)  // the verification push comes first
        #expect(machine.planned([], unconfirmed: [soon], at: Self.t0 + 29).isEmpty)
        #expect(machine.planned([], unconfirmed: [soon], at: Self.t0 + 30) == [.alert(soon)])
        #expect(machine.planned([], unconfirmed: [soon], at: Self.t0 + 90).isEmpty)
        // Confirmed, then unconfirmed again (a PBX restart): a new alert after 30 s.
        #expect(machine.planned([], unconfirmed: [], at: Self.t0 + 100).isEmpty)
        #expect(machine.planned([], unconfirmed: [soon], at: Self.t0 + 200).isEmpty)
        #expect(machine.planned([], unconfirmed: [soon], at: Self.t0 + 230) == [.alert(soon)])
    }

    @Test func storeErrorsBackOffFromOneToThirtySecondsAndPlanEverythingAgain() {
        var machine = Self.loggedIn([Self.name(1)])
        var waits: [TimeInterval] = []
        var now = Self.t0
        for _ in 0..<7 {
            #expect(machine.stepFailed(at: now) == [.recoverInFlight])
            guard case .wait(let until?, .storeError) = machine.next(at: now) else {
                Issue.record("expected a store-error wait")
                return
            }
            waits.append(until.timeIntervalSince(now))
            now = until
        }
        #expect(waits == [1, 2, 4, 8, 16, 30, 30])
        #expect(machine.next(at: now) == .plan(rooms: nil))
    }

    @Test func theNightlyResyncRunsOnceADayAndNotAtAStartAfterItsTime() {
        // Started at 20:00, nightly at 03:30: nothing tonight until 03:30.
        var machine = Self.loggedIn([]) { $0.nightlyResync = TimeOfDay("03:30") }
        let night = Self.calendar.instant(PBXDateTime("2026-11-25 03:30:00")!)
        if case .forgetAcknowledged = machine.next(at: night - 1) { Issue.record("too early") }
        _ = machine.planned([], unconfirmed: [], at: night - 1)
        #expect(machine.next(at: night) == .forgetAcknowledged(.resync(reason: "nightly at 03:30")))
        #expect(machine.next(at: night) == .plan(rooms: nil))
        _ = machine.planned([], unconfirmed: [], at: night)
        #expect(machine.next(at: night + 3600) == .plan(rooms: nil))
        // Started after 03:30 today: waits for tomorrow.
        var late = Self.machine(now: night + 60) { $0.nightlyResync = TimeOfDay("03:30") }
        #expect(late.next(at: night + 60) == .plan(rooms: nil))
    }

    @Test func shutdownStopsBeforeAnythingElse() {
        var machine = Self.loggedIn([Self.name(1)])
        machine.shutdown()
        #expect(machine.next(at: Self.t0) == .stop)
    }
}
