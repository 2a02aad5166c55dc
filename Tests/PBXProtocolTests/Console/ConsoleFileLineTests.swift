import Testing

@testable import PBXProtocol

/// The `Grade` (§6.2) and `Clock` (§6.3) lines, the 1–5 → 0–3 call class mapping, and which line
/// carries which wake-up (`ConsoleClockPlanner`).
@Suite struct ConsoleFileLineTests {
    @Test func gradeLineIsExtensionSlashLevelAndItsReplyExtensionSlashOK() throws {
        let line = try GradeLine(phone: "8001", level: .domesticLongDistance)
        #expect(line.description == "8001/2")
        #expect(line.reply == "8001/OK")
        #expect(try GradeLine(parsing: " 8001/2 ") == line)
    }

    @Test func tcpCallClassesMapToTheGradeLevelsNeverWider() {
        #expect(CallClass.allCases.map { ConsoleCallClass($0).rawValue } == [0, 0, 1, 2, 3])
        #expect(ConsoleCallClass.allCases.map { ConsoleCallClass($0.callClass) } == ConsoleCallClass.allCases)
    }

    @Test func clockLineUsesFullWidthCommasAndItsReplyAppendsOK() throws {
        let line = try ClockLine(phone: "8001", at: dateTime("2026-03-06 18:30:00"))
        #expect(line.description == "8001/\u{FF0C}03-06\u{FF0C}18:30:00")
        #expect(line.description == "8001/，03-06，18:30:00")
        #expect(line.reply == "8001/，03-06，18:30:00OK")
        #expect(Array(line.description.utf8).count == 5 + 3 + 5 + 3 + 8)
        #expect(try ClockLine(parsing: "8001/，03-06，18:30:00") == line)
    }

    @Test(arguments: ["", "80 01", "8001/", "80,01", "8001\r\nAction: Set", "8001\u{0}", "８００１"])
    func extensionThatCouldBreakALineIsRefusedNamingTheField(phone: String) {
        #expect(thrownError(ConsoleLineError.self) { try GradeLine(phone: phone, level: .local) }?.field == "extension")
        #expect(thrownError(ConsoleLineError.self) { try ClockLine(phone: phone, at: dateTime("2026-03-06 18:30:00")) }?.field
            == "extension")
    }

    @Test(arguments: [("8001/4", "call class"), ("8001", "line"), ("8001/x", "call class")])
    func badGradeLineNamesThePart(line: String, field: String) {
        #expect(thrownError(ConsoleLineError.self) { try GradeLine(parsing: line) }?.field == field)
    }

    @Test(arguments: [("8001/，13-06，18:30:00", "date"), ("8001/，03-06，24:30:00", "time"), ("8001/03-06 18:30", "line")])
    func badClockLineNamesThePart(line: String, field: String) {
        #expect(thrownError(ConsoleLineError.self) { try ClockLine(parsing: line) }?.field == field)
    }

    @Test func wakeUpLaterTodayIsWrittenForTodayAndAnEarlierOneForTomorrow() throws {
        let now = dateTime("2026-12-31 18:00:00")
        let planned = try ConsoleClockPlanner.lines(
            phone: "8001", entries: [WakeUpEntry(start: time("07:30")), WakeUpEntry(start: time("18:30"))], now: now)
        #expect(planned.lines.map(\.description) == ["8001/，12-31，18:30:00", "8001/，01-01，07:30:00"])
        #expect(planned.unsupported.isEmpty)
    }

    @Test func wakeUpAtThisVeryMinuteIsTomorrows() {
        let now = dateTime("2026-03-06 07:30:00")
        #expect(ConsoleClockPlanner.occurrence(of: time("07:30"), after: now) == dateTime("2026-03-07 07:30:00"))
    }

    @Test func partsTheClockFileCannotCarryAreReported() throws {
        let planned = try ConsoleClockPlanner.lines(
            phone: "8001", entries: [WakeUpEntry(start: time("07:30"), frequency: 10, days: 2, prompt: "bell.ulaw", attempts: 5)],
            now: dateTime("2026-03-06 06:00:00"))
        #expect(planned.lines.count == 1)
        #expect(planned.unsupported == [.attemptsAndFrequency, .prompt, .recurrence])
    }
}

/// The two encodings of the console files (§6.2, §6.3 with the project's Decision).
@Suite struct ConsoleTextEncodingTests {
    let line = "8001/，03-06，18:30:00"

    @Test func utf8WritesTheFullWidthCommaAsEFBC8C() {
        #expect(Array(ConsoleTextEncoding.utf8.encode(line).prefix(8)) == [0x38, 0x30, 0x30, 0x31, 0x2F, 0xEF, 0xBC, 0x8C])
        #expect(ConsoleTextEncoding.utf8.decode(ConsoleTextEncoding.utf8.encode(line)) == line)
    }

    @Test func gb18030WritesTheFullWidthCommaAsA3ACAndReadsItBack() {
        let bytes = ConsoleTextEncoding.gb18030.encode(line + "OK\r\n")
        #expect(Array(bytes.prefix(7)) == [0x38, 0x30, 0x30, 0x31, 0x2F, 0xA3, 0xAC])
        #expect(bytes.count == line.unicodeScalars.count + 2 + 4)
        #expect(ConsoleTextEncoding.gb18030.decode(bytes) == line + "OK\r\n")
    }

    @Test func otherGB18030TextAndGarbageDecodeToReplacementCharactersWithoutFailing() {
        // 错误 (two two-byte characters), a four-byte sequence, a lone lead byte at the end.
        let bytes: [UInt8] = [0xB4, 0xED, 0xCE, 0xF3, 0x81, 0x30, 0x81, 0x30, 0x41, 0xFF]
        #expect(ConsoleTextEncoding.gb18030.decode(bytes) == "\u{FFFD}\u{FFFD}\u{FFFD}A\u{FFFD}")
        #expect(ConsoleTextEncoding.utf8.decode([0xFF, 0x41]) == "\u{FFFD}A")
    }
}
