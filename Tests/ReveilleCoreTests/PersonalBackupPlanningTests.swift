import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// In the planner: a personal call's PBX entry rings as its backup
/// `wakeup.personalBackupAfter` minutes after the call's time (a booking may say otherwise), and
/// leaves the PBX once reception acknowledged the call. A reception-only call gets a backup only
/// when its booking asks for one.
struct PersonalBackupPlanningTests {
    typealias Base = PromptAndPersonalCallPlanningTests
    static let now = "2026-11-24 20:00"

    @Test func aPersonalCallRingsFromThePBXFiveMinutesAfterItsTimeAsItsBackup() throws {
        let hotel = Base.hotel(language: nil, options: .init(personal: true))
        #expect(hotel.alarms("1208", now: Self.now) == "06:35**5*1*fpm-world-mix.gsm*3&07:15**5*1*fpm-world-mix.gsm*3&")
        let backup = try #require(hotel.desired("1208", now: Self.now).wakeUps.first)
        #expect(backup.personalAt == hotel.at("2026-11-25 06:30") && backup.at == hotel.at("2026-11-25 06:35"))
        // Its occurrence keeps the call's time; its rings are the backup's.
        let occurrence = try #require(WakeUpOccurrence.planned(
            [hotel.desired("1208", now: Self.now)], snapshot: hotel.snapshot, acknowledged: [:], now: hotel.at(Self.now)).first)
        #expect(occurrence.scheduledAt == hotel.at("2026-11-25 06:30") && occurrence.backupAt == hotel.at("2026-11-25 06:35"))
        #expect(occurrence.ringsAt == hotel.at("2026-11-25 06:35") && occurrence.personalCallDue == hotel.at("2026-11-25 06:30"))
    }

    @Test func theBookingsBackupAfterOverridesTheHotelsAndZeroRingsAtItsTime() {
        #expect(Base.hotel(language: nil, options: .init(personal: true, backupAfter: 12)).alarms("1208", now: Self.now)
            .hasPrefix("06:42**"))
        #expect(Base.hotel(language: nil, options: .init(personal: true, backupAfter: 0)).alarms("1208", now: Self.now)
            .hasPrefix("06:30**"))
        var hotel = Base.hotel(language: nil, options: .init(personal: true))
        hotel.settings.wakeUpDefaults.personalBackupAfter = 0
        #expect(hotel.alarms("1208", now: Self.now).hasPrefix("06:30**"))
        // A personal stay takes the hotel's backup too.
        #expect(Base.hotel(language: nil, personalStay: true).alarms("1208", now: Self.now)
            == "06:35**5*1*fpm-world-mix.gsm*3&07:20**5*1*fpm-world-mix.gsm*3&")
    }

    @Test func anAcknowledgedCallTakesItsBackupOffThePBX() throws {
        var hotel = Base.hotel(language: nil, options: .init(personal: true))
        hotel.snapshot.personalCallsDone = [OccurrenceKey(room: "1208", scheduledAt: hotel.at("2026-11-25 06:30"))]
        let desired = hotel.desired("1208", now: "2026-11-25 06:32")
        #expect(hotel.alarms("1208", now: "2026-11-25 06:32") == "07:15**5*1*fpm-world-mix.gsm*3&")
        #expect(desired.receptionCalls.map(\.personalAt) == [hotel.at("2026-11-25 06:30")])
    }

    @Test func aReceptionOnlyCallHasABackupOnlyWhenItsBookingAsks() {
        #expect(Base.hotel(language: nil, options: .init(receptionOnly: true)).alarms("1208", now: Self.now)
            == "07:15**5*1*fpm-world-mix.gsm*3&")
        let hotel = Base.hotel(language: nil, options: .init(receptionOnly: true, backupAfter: 10))
        #expect(hotel.alarms("1208", now: Self.now) == "06:40**5*1*fpm-world-mix.gsm*3&07:15**5*1*fpm-world-mix.gsm*3&")
        #expect(hotel.desired("1208", now: Self.now).receptionCalls.isEmpty)
    }

    @Test func aBackupOutsideItsBoundsIsRefusedNamingTheField() {
        #expect(throws: InputError.self) { try InputBounds.check(WakeUpOptions(personal: true, backupAfter: 61)) }
        #expect(throws: InputError.self) { try InputBounds.check(WakeUpOptions(personal: true, backupAfter: -1)) }
        #expect(InputBounds.problem(options: WakeUpOptions(backupAfter: 99), recurrence: .once(day("2026-11-25")))?.contains("backupAfter") == true)
    }

    @Test func theAlertSaysThePBXRingsAsTheBackup() {
        #expect(Alert.message(kind: .personalCall, room: "1208", guest: "张伟", time: "06:30", attempts: 0) + Alert.backup(at: "06:35")
            == "Call room 1208 now (张伟, 06:30) — unless acknowledged, the PBX rings the room at 06:35")
    }
}

/// In the outcome machine: the backup's rings count, an acknowledged call ends `byReception`.
struct PersonalBackupStateMachineTests {
    typealias Base = OccurrenceStateMachineTests
    static let due = Base.due

    static func backup(receptionOnly: Bool = false) -> WakeUpOccurrence {
        var occurrence = WakeUpOccurrence(
            room: "1208", phone: "8208", guest: "Zhang Wei", scheduledAt: due, plannedAttempts: 1, frequency: 5, onPBX: !receptionOnly,
            personal: true, receptionOnly: receptionOnly)
        occurrence.backupAt = due + 300
        return occurrence
    }

    @Test func theCallIsAlertedAtItsTimeAndTheBackupRingGivesTheOutcome() throws {
        var machine = Base.planned([Self.backup()])
        #expect(Base.alerts(machine.handle(.tick, at: Self.due)) == [.personalCall])
        // Not notRung at its own time plus the grace: the backup rings at 06:35.
        #expect(machine.handle(.tick, at: Self.due + 120).isEmpty)
        let actions = Base.ring(&machine, attempt: 1, answered: true)  // 06:35
        #expect(Base.saved(actions).last?.state == .answered)
    }

    @Test func anAcknowledgedCallEndsByReceptionWithoutAnotherAlert() {
        var machine = Base.planned([Self.backup()])
        _ = machine.handle(.tick, at: Self.due)
        let actions = machine.handle(.planned([Self.backup(receptionOnly: true)], rooms: nil, occupied: ["1208"]), at: Self.due + 60)
        #expect(Base.saved(actions).map(\.state) == [.byReception])
        #expect(Base.alerts(actions).isEmpty)
    }
}
