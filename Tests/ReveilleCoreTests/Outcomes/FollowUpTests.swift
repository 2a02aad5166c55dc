import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// A wake-up booked with a follow-up gets one more ring N minutes after it was
/// answered, recorded as one more attempt; cancelling the booking takes it off the PBX.
struct FollowUpStateMachineTests {
    typealias Base = OccurrenceStateMachineTests
    static let due = Base.due

    static func wakeUp(followUp: Int? = 10) -> WakeUpOccurrence {
        var occurrence = Base.wakeUp()
        occurrence.followUpAfter = followUp
        return occurrence
    }

    @Test func anAnsweredWakeUpBooksItsFollowUpTenMinutesAfterTheAnsweredRing() throws {
        var machine = Base.planned([Self.wakeUp()])
        let actions = Base.ring(&machine, attempt: 0, answered: true)
        let final = try #require(Base.saved(actions).last)
        #expect(final.state == .answered && final.followUpAt == Self.due + 600)
        #expect(actions.contains { if case .followUp(let occurrence) = $0 { occurrence.followUpAt == Self.due + 600 } else { false } })
        #expect(Base.alerts(actions).isEmpty)
        // The follow-up's ring is one more attempt of the finished occurrence.
        _ = machine.handle(Base.status(.wakeUpRinging), at: Self.due + 600)
        let rang = machine.handle(Base.status(.offline), at: Self.due + 630)
        let recorded = try #require(Base.saved(rang).last)
        #expect(recorded.attempts.map(\.result) == [.answered, .unanswered])
        #expect(recorded.attempts.last?.at == Self.due + 600)
        #expect(recorded.state == .answered)
        // A later ring is not taken for it again.
        _ = machine.handle(Base.status(.wakeUpRinging), at: Self.due + 660)
        #expect(machine.handle(Base.status(.offline), at: Self.due + 670).isEmpty)
    }

    @Test func noFollowUpWithoutABookingOrWhenUnanswered() {
        var plain = Base.planned([Self.wakeUp(followUp: nil)])
        let answered = Base.ring(&plain, attempt: 0, answered: true)
        #expect(Base.saved(answered).last?.followUpAt == nil)
        #expect(!answered.contains { if case .followUp = $0 { true } else { false } })
        var machine = Base.planned([Self.wakeUp()])
        var actions: [OccurrenceStateMachine.Action] = []
        for index in 0..<3 { actions += Base.ring(&machine, attempt: index, answered: false) }
        #expect(Base.saved(actions).allSatisfy { $0.followUpAt == nil })
    }
}

struct FollowUpPlanningTests {
    static func hotel(policy: Bool = true) -> Hotel {
        var hotel = Hotel()
        hotel.checkIn(1, room: "1208")
        if policy {
            hotel.snapshot.upsert(WakeUpPolicy(
                id: 7, room: "1208", time: time("06:30"), recurrence: .once(day("2026-11-25")),
                options: WakeUpOptions(frequency: 5, attempts: 3, prompt: "wake.gsm", followUpAfter: 10)))
        }
        hotel.snapshot.setCatchUps([
            CatchUp(room: "1208", scheduledAt: hotel.at("2026-11-25 06:30"), at: hotel.at("2026-11-25 06:40"), followUp: true)
        ])
        return hotel
    }

    @Test func theFollowUpIsOneRingAtItsMinuteAndNotAnOccurrenceOfItsOwn() throws {
        let hotel = Self.hotel()
        let desired = hotel.desired("1208", now: "2026-11-25 06:31")
        let followUp = try #require(desired.wakeUps.first { $0.followUpOf != nil })
        #expect(followUp.entry.start == time("06:40") && followUp.entry.attempts == 1 && followUp.entry.prompt == "wake.gsm")
        let planned = WakeUpOccurrence.planned([desired], snapshot: hotel.snapshot, acknowledged: [:], now: hotel.at("2026-11-25 06:31"))
        #expect(planned.map(\.scheduledAt) == [hotel.at("2026-11-25 06:30")])
        #expect(planned.first?.followUpAfter == 10)
        #expect(!hotel.alarms("1208", now: "2026-11-25 06:43").contains("06:40"))
    }

    @Test func cancellingTheWakeUpCancelsItsFollowUp() {
        #expect(Self.hotel(policy: false).desired("1208", now: "2026-11-25 06:31").wakeUps.isEmpty)
    }

    @Test func aFollowUpOutsideItsBoundsIsRefused() {
        #expect(throws: InputError.self) { try InputBounds.check(WakeUpOptions(followUpAfter: 0)) }
        #expect(throws: InputError.self) { try InputBounds.check(WakeUpOptions(followUpAfter: 121)) }
    }
}
