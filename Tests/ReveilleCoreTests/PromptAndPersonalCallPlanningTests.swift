import Foundation
import PBXProtocol
import ReveilleCore
import Testing

/// In the planner: the guest's language picks the prompt of a wake-up booked without one
/// (the §4.4 `file` part), and personal calls are marked; a reception-only one stays off the PBX.
struct PromptAndPersonalCallPlanningTests {
    /// Room 1208 with a guest of `language`, a 06:30 wake-up with `options` and a 07:15 one without.
    static func hotel(language: String?, options: WakeUpOptions = .init(), personalStay: Bool = false) -> Hotel {
        var hotel = Hotel()
        hotel.settings.wakeUpDefaults.languagePrompts = ["zh": "wake-zh.gsm", "en": "wake-en.gsm"]
        var stay = hotel.checkIn(1, room: "1208")
        stay.language = language
        stay.personalCall = personalStay
        hotel.snapshot.upsert(stay)
        hotel.snapshot.upsert(WakeUpPolicy(id: 1, room: "1208", stayID: 1, time: time("06:30"), recurrence: .once(day("2026-11-25")),
                                           options: options))
        hotel.snapshot.upsert(WakeUpPolicy(id: 2, room: "1208", stayID: 1, time: time("07:15"), recurrence: .once(day("2026-11-25"))))
        return hotel
    }

    @Test func theGuestsLanguagePicksThePromptUnlessTheWakeUpNamesOne() {
        #expect(Self.hotel(language: "en").alarms("1208", now: "2026-11-24 20:00")
            == "06:30**5*1*wake-en.gsm*3&07:15**5*1*wake-en.gsm*3&")
        #expect(Self.hotel(language: "en", options: .init(prompt: "own.ulaw")).alarms("1208", now: "2026-11-24 20:00")
            == "06:30**5*1*own.ulaw*3&07:15**5*1*wake-en.gsm*3&")
        // No language, or one without a prompt: the hotel's default.
        #expect(Self.hotel(language: nil).alarms("1208", now: "2026-11-24 20:00")
            == "06:30**5*1*fpm-world-mix.gsm*3&07:15**5*1*fpm-world-mix.gsm*3&")
        #expect(Self.hotel(language: "ko").alarms("1208", now: "2026-11-24 20:00")
            == "06:30**5*1*fpm-world-mix.gsm*3&07:15**5*1*fpm-world-mix.gsm*3&")
    }

    @Test func aPersonalCallStaysOnThePBXAndIsMarked() {
        let desired = Self.hotel(language: nil, options: .init(personal: true)).desired("1208", now: "2026-11-24 20:00")
        #expect(desired.wakeUps.map(\.personal) == [true, false])
        #expect(desired.alarmEntries.count == 2)
        #expect(desired.receptionCalls.isEmpty)
    }

    @Test func aPersonalStayMakesEveryWakeUpPersonal() {
        let desired = Self.hotel(language: nil, personalStay: true).desired("1208", now: "2026-11-24 20:00")
        #expect(desired.wakeUps.map(\.personal) == [true, true])
    }

    @Test func aReceptionOnlyCallIsKeptOffTheAlarmClockListButPlanned() {
        let hotel = Self.hotel(language: nil, options: .init(receptionOnly: true))
        let desired = hotel.desired("1208", now: "2026-11-24 20:00")
        #expect(hotel.alarms("1208", now: "2026-11-24 20:00") == "07:15**5*1*fpm-world-mix.gsm*3&")
        #expect(desired.receptionCalls.map(\.at) == [hotel.at("2026-11-25 06:30")])
        #expect(desired.receptionCalls.allSatisfy { $0.personal && $0.receptionOnly })

        // Both become occurrences; the reception-only one is never counted as on the PBX.
        let occurrences = WakeUpOccurrence.planned(
            [desired], snapshot: hotel.snapshot, acknowledged: [:], now: hotel.at("2026-11-24 20:00"))
        #expect(occurrences.map(\.receptionOnly).sorted { !$0 && $1 } == [false, true])
        #expect(occurrences.first { $0.receptionOnly }?.personal == true)
    }
}
