import Testing

@testable import PBXProtocol

/// The AlarmClock value of §4.4: `start*end*frequency*days*file*num&…&`, every rule at its boundary.
@Suite struct AlarmClockCodecTests {
    static let vendorExample = "07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&"
    static let vendorEntries = [
        WakeUpEntry(start: TimeOfDay(hour: 7, minute: 30)!, frequency: 5, days: 1, prompt: "fpm-world-mix.gsm", attempts: 1),
        WakeUpEntry(start: TimeOfDay(hour: 17, minute: 30)!, frequency: 5, days: 1, prompt: "fpm-world-mix.gsm", attempts: 3),
    ]

    /// The (index, part) pairs of the issues `body` throws.
    private func issues(_ body: () throws -> some Any) -> [String] {
        thrownError(AlarmClockError.self, body)?.issues.map { "\($0.index) \($0.part.rawValue)" } ?? []
    }

    /// The single issue of compiling one entry changed by `change`.
    private func compileIssue(_ change: (inout WakeUpEntry) -> Void) -> AlarmClockIssue? {
        var entry = WakeUpEntry(start: time("07:30"))
        change(&entry)
        let error = thrownError(AlarmClockError.self) { try AlarmClock.compile([entry]) }
        #expect(error?.issues.count == 1)
        return error?.issues.first
    }

    private func compiles(_ change: (inout WakeUpEntry) -> Void) throws -> String {
        var entry = WakeUpEntry(start: time("07:30"))
        change(&entry)
        return try AlarmClock.compile([entry])
    }

    // MARK: The vendor's example and the empty list

    @Test func vendorExampleParsesToTwoWakeUpsAndCompilesBackIdentically() throws {
        #expect(try AlarmClock.parse(Self.vendorExample) == Self.vendorEntries)
        #expect(try AlarmClock.compile(Self.vendorEntries) == Self.vendorExample)
    }

    @Test func emptyListCompilesToEmptyValueAndEmptyValueParsesToEmptyList() throws {
        #expect(try AlarmClock.compile([]) == "")
        #expect(try AlarmClock.parse("") == [])
        #expect(try AlarmClock.parse(" \t ") == [])
    }

    @Test func vendorReplyTemplateSpaceBeforeAmpersandIsTolerated() throws {
        // §4.4: the reply template shows `num &`.
        #expect(try AlarmClock.parse("07:30**5*1*fpm-world-mix.gsm*1 &17:30**5*1*fpm-world-mix.gsm*3 &") == Self.vendorEntries)
        #expect(try AlarmClock.parse(" 07:30 * * 5 * 1 * fpm-world-mix.gsm * 1 & ") == [Self.vendorEntries[0]])
    }

    @Test func compiledEndPartIsAlwaysEmpty() throws {
        #expect(try compiles { _ in }.contains("07:30**"))
    }

    @Test func endTimeIsToleratedAndIgnoredWhenParsing() throws {
        #expect(try AlarmClock.parse("07:30*08:00*5*1*fpm-world-mix.gsm*1&") == [Self.vendorEntries[0]])
        #expect(issues { try AlarmClock.parse("07:30*8:00*5*1*fpm-world-mix.gsm*1&") } == ["0 end"])
    }

    // MARK: Format

    @Test func missingTrailingAmpersandIsRejected() {
        let error = thrownError(AlarmClockError.self) { try AlarmClock.parse("07:30**5*1*fpm-world-mix.gsm*1") }
        #expect(error == AlarmClockError(issues: [AlarmClockIssue(index: 0, part: .format, rule: "the value must end with '&' or be empty")]))
        #expect(issues { try AlarmClock.parse(Self.vendorExample + "07:30**5*1*fpm-world-mix.gsm*1") } == ["0 format"])
    }

    @Test(arguments: [
        ("07:30*5*1*fpm-world-mix.gsm*1&", 5),
        ("07:30***5*1*fpm-world-mix.gsm*1&", 7),
        ("07:30&", 1),
        ("&", 1),
    ])
    func entryWithWrongPartCountIsRejectedNamingTheCount(value: String, found: Int) {
        let error = thrownError(AlarmClockError.self) { try AlarmClock.parse(value) }
        #expect(
            error?.issues == [
                AlarmClockIssue(index: 0, part: .format, rule: "an entry has 6 parts start*end*frequency*days*file*num, found \(found)")
            ])
    }

    @Test func emptyEntryBetweenTwoAmpersandsIsRejectedAtItsIndex() {
        #expect(issues { try AlarmClock.parse(Self.vendorExample + "&") } == ["2 format"])
    }

    // MARK: Boundaries, one rule at a time

    @Test func frequencyFourIsRejectedAndFiveAccepted() throws {
        #expect(compileIssue { $0.frequency = 4 } == AlarmClockIssue(index: 0, part: .frequency, rule: "4 is below the minimum of 5 minutes"))
        #expect(try compiles { $0.frequency = 5 } == "07:30**5*1*fpm-world-mix.gsm*3&")
        #expect(try compiles { $0.frequency = 1440 } == "07:30**1440*1*fpm-world-mix.gsm*3&")
        #expect(issues { try AlarmClock.parse("07:30**4*1*fpm-world-mix.gsm*3&") } == ["0 frequency"])
    }

    @Test func attemptsZeroAndElevenAreRejectedAndOneAndTenAccepted() throws {
        #expect(compileIssue { $0.attempts = 0 } == AlarmClockIssue(index: 0, part: .num, rule: "0 is outside 1–10 attempts"))
        #expect(compileIssue { $0.attempts = 11 } == AlarmClockIssue(index: 0, part: .num, rule: "11 is outside 1–10 attempts"))
        #expect(try compiles { $0.attempts = 1 } == "07:30**5*1*fpm-world-mix.gsm*1&")
        #expect(try compiles { $0.attempts = 10 } == "07:30**5*1*fpm-world-mix.gsm*10&")
        #expect(issues { try AlarmClock.parse("07:30**5*1*fpm-world-mix.gsm*0&07:30**5*1*fpm-world-mix.gsm*11&") } == ["0 num", "1 num"])
    }

    @Test func daysZeroIsRejectedAndOneAccepted() throws {
        #expect(compileIssue { $0.days = 0 } == AlarmClockIssue(index: 0, part: .days, rule: "0 is below the minimum of 1 day"))
        #expect(compileIssue { $0.days = -1 }?.part == .days)
        #expect(try compiles { $0.days = 1 } == "07:30**5*1*fpm-world-mix.gsm*3&")
        #expect(try compiles { $0.days = 30 } == "07:30**5*30*fpm-world-mix.gsm*3&")
    }

    @Test(arguments: ["wake.gsm", "wake.ulaw", "wake.alaw", "fpm-world-mix.gsm", "a.gsm", "v2.0_morning.alaw", String(repeating: "x", count: 64) + ".gsm"])
    func promptWithAnAllowedEndingIsAccepted(prompt: String) throws {
        #expect(try compiles { $0.prompt = prompt } == "07:30**5*1*\(prompt)*3&")
        #expect(try AlarmClock.parse("07:30**5*1*\(prompt)*3&").first?.prompt == prompt)
    }

    @Test(arguments: [
        ("wake.wav", "\"wake.wav\" must be a file name ending .gsm, .ulaw or .alaw"),
        ("wake.GSM", "\"wake.GSM\" must be a file name ending .gsm, .ulaw or .alaw"),
        ("wake", "\"wake\" must be a file name ending .gsm, .ulaw or .alaw"),
        (".gsm", "\".gsm\" must be a file name ending .gsm, .ulaw or .alaw"),
        ("", "\"\" must be a file name ending .gsm, .ulaw or .alaw"),
        ("a/b.gsm", "\"a/b.gsm\" must be a plain file name without '/' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a\\b.gsm", "\"a\\b.gsm\" must be a plain file name without '\\' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a*b.gsm", "\"a*b.gsm\" must be a plain file name without '*' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a&b.gsm", "\"a&b.gsm\" must be a plain file name without '&' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a b.gsm", "\"a b.gsm\" must be a plain file name without ' ' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a\r\nb.gsm", "must not contain control characters"),
        // What a strict PBX rejects: only [A-Za-z0-9._-] before the ending.
        ("a+b.gsm", "\"a+b.gsm\" must be a plain file name without '+' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("张.gsm", "\"张.gsm\" must be a plain file name without '张' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("叫醒.ulaw", "\"叫醒.ulaw\" must be a plain file name without '叫' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a:b.gsm", "\"a:b.gsm\" must be a plain file name without ':' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a#?.gsm", "\"a#?.gsm\" must be a plain file name without '#' (letters A–Z, digits, '.', '_' and '-' only)"),
        ("a'b.gsm", "\"a'b.gsm\" must be a plain file name without ''' (letters A–Z, digits, '.', '_' and '-' only)"),
        (String(repeating: "x", count: 65) + ".gsm", "must be at most 64 characters before .gsm"),
    ])
    func promptThatIsNoPlainFileWithAnAllowedEndingIsRejected(prompt: String, rule: String) {
        #expect(compileIssue { $0.prompt = prompt } == AlarmClockIssue(index: 0, part: .file, rule: rule))
        #expect(AlarmClock.promptRule(prompt) == rule)
    }

    @Test(arguments: ["24:00", "7:5", "07:60", "ab:cd", "7:30", "07:3", "07-30", "", "-1:00", "0730"])
    func startThatIsNoRealHHmmIsRejected(start: String) {
        #expect(TimeOfDay(start) == nil)
        let error = thrownError(AlarmClockError.self) { try AlarmClock.entries(from: [WakeUpSpec(start: start)]) }
        #expect(error?.issues == [AlarmClockIssue(index: 0, part: .start, rule: "\"\(start)\" is not a real time HH:mm")])
        if !start.contains("*") && !start.contains("&") {
            #expect(issues { try AlarmClock.parse("\(start)**5*1*fpm-world-mix.gsm*3&") } == ["0 start"])
        }
    }

    @Test(arguments: [("00:00", 0, 0), ("23:59", 23, 59), ("07:05", 7, 5), ("12:00", 12, 0)])
    func startThatIsARealHHmmIsAccepted(start: String, hour: Int, minute: Int) throws {
        let parsed = try #require(TimeOfDay(start))
        #expect(parsed.hour == hour && parsed.minute == minute)
        #expect(parsed.description == start)
        #expect(try AlarmClock.parse("\(start)**5*1*fpm-world-mix.gsm*3&") == [WakeUpEntry(start: parsed)])
    }

    @Test(arguments: ["", "x", "+5", "-5", "5.0", "0x5", "五"])
    func numberPartThatIsNoWholeNumberIsRejected(text: String) {
        let error = thrownError(AlarmClockError.self) { try AlarmClock.parse("07:30**\(text)*1*fpm-world-mix.gsm*3&") }
        #expect(error?.issues == [AlarmClockIssue(index: 0, part: .frequency, rule: "\"\(text)\" is not a whole number")])
    }

    @Test func leadingZerosInNumbersAreRead() throws {
        #expect(try AlarmClock.parse("07:30**05*01*fpm-world-mix.gsm*03&") == [WakeUpEntry(start: time("07:30"))])
    }

    // MARK: Every issue, by entry, part and rule

    @Test func compileCollectsEveryIssueOfEveryEntry() {
        let entries = [
            WakeUpEntry(start: time("06:00")),
            WakeUpEntry(start: time("06:30"), frequency: 4, days: 0, prompt: "a.wav", attempts: 11),
            WakeUpEntry(start: time("07:00")),
            WakeUpEntry(start: time("07:30"), prompt: "x/y.gsm", attempts: 0),
        ]
        let error = thrownError(AlarmClockError.self) { try AlarmClock.compile(entries) }
        #expect(
            error?.issues == [
                AlarmClockIssue(index: 1, part: .frequency, rule: "4 is below the minimum of 5 minutes"),
                AlarmClockIssue(index: 1, part: .days, rule: "0 is below the minimum of 1 day"),
                AlarmClockIssue(index: 1, part: .num, rule: "11 is outside 1–10 attempts"),
                AlarmClockIssue(index: 1, part: .file, rule: "\"a.wav\" must be a file name ending .gsm, .ulaw or .alaw"),
                AlarmClockIssue(index: 3, part: .num, rule: "0 is outside 1–10 attempts"),
                AlarmClockIssue(index: 3, part: .file, rule: "\"x/y.gsm\" must be a plain file name without '/' (letters A–Z, digits, '.', '_' and '-' only)"),
            ])
        // The description counts entries from 1.
        #expect(
            error?.description
                == "entry 2: frequency: 4 is below the minimum of 5 minutes; entry 2: days: 0 is below the minimum of 1 day; "
                + "entry 2: num: 11 is outside 1–10 attempts; "
                + "entry 2: file: \"a.wav\" must be a file name ending .gsm, .ulaw or .alaw; "
                + "entry 4: num: 0 is outside 1–10 attempts; entry 4: file: \"x/y.gsm\" must be a plain file name without '/' (letters A–Z, digits, '.', '_' and '-' only)")
    }

    @Test func parseCollectsEveryIssueOfEveryEntryEvenNextToUnreadableNumbers() {
        let value = "ab:cd*xx*4*0*a.wav*11&07:30**5*1*fpm-world-mix.gsm*3&24:00**x*1*b.gsm*y&07:30*5*1&"
        #expect(
            issues { try AlarmClock.parse(value) } == [
                "0 start", "0 end", "0 frequency", "0 days", "0 num", "0 file",
                "2 start", "2 frequency", "2 num",
                "3 format",
            ])
    }

    @Test func entriesFromSpecsFillInDefaultsAndCollectEveryIssue() throws {
        #expect(
            try AlarmClock.entries(from: [WakeUpSpec(start: "07:30"), WakeUpSpec(start: "08:00", frequency: 10, days: 2, prompt: "a.alaw", attempts: 1)])
                == [
                    WakeUpEntry(start: time("07:30"), frequency: 5, days: 1, prompt: "fpm-world-mix.gsm", attempts: 3),
                    WakeUpEntry(start: time("08:00"), frequency: 10, days: 2, prompt: "a.alaw", attempts: 1),
                ])
        let error = thrownError(AlarmClockError.self) {
            try AlarmClock.entries(from: [WakeUpSpec(start: "25:00", frequency: 1), WakeUpSpec(start: "07:00"), WakeUpSpec(start: "7:00", prompt: "a.mp3")])
        }
        #expect(error?.issues.map { "\($0.index) \($0.part.rawValue)" } == ["0 start", "0 frequency", "2 start", "2 file"])
    }

    @Test func issueDescriptionCountsFromOne() {
        #expect(AlarmClockIssue(index: 0, part: .days, rule: "r").description == "entry 1: days: r")
        #expect(AlarmClockIssue(index: 7, part: .format, rule: "r").description == "entry 8: format: r")
    }

    @Test func timeOfDayOrdersAndCountsMinutes() {
        #expect(time("00:00") == TimeOfDay.midnight)
        #expect(time("23:59").minutesSinceMidnight == 1439)
        #expect(time("07:05") < time("07:30"))
        #expect(TimeOfDay(hour: 24, minute: 0) == nil)
        #expect(TimeOfDay(hour: 0, minute: 60) == nil)
        #expect(TimeOfDay(hour: -1, minute: 0) == nil)
    }
}
