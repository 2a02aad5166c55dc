import Testing

@testable import PBXProtocol

/// Round-trip properties of the AlarmClock codec (§4.4) over seeded random wake-up lists.
@Suite struct AlarmClockPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8, 0xDEAD_BEEF, 0x5EED]

    /// A valid entry: any time 00:00–23:59, frequency ≥ 5, days ≥ 1, a plain prompt name with an
    /// allowed ending, 1–10 attempts.
    static func randomEntry(using generator: inout SplitMix64) -> WakeUpEntry {
        let nameCharacters = Array("abcxyzABZ0189-_.".unicodeScalars)
        let stem = String(
            String.UnicodeScalarView(
                (0..<Int.random(in: 1...12, using: &generator)).map { _ in nameCharacters.randomElement(using: &generator)! }))
        let frequency = Bool.random(using: &generator)
            ? Int.random(in: 5...10, using: &generator) : Int.random(in: 5...1440, using: &generator)
        return WakeUpEntry(
            start: TimeOfDay(hour: Int.random(in: 0...23, using: &generator), minute: Int.random(in: 0...59, using: &generator))!,
            frequency: frequency,
            days: Bool.random(using: &generator) ? 1 : Int.random(in: 1...365, using: &generator),
            prompt: stem + AlarmClock.promptEndings.randomElement(using: &generator)!,
            attempts: Int.random(in: 1...10, using: &generator))
    }

    static func randomList(using generator: inout SplitMix64) -> [WakeUpEntry] {
        (0..<Int.random(in: 0...8, using: &generator)).map { _ in randomEntry(using: &generator) }
    }

    @Test(arguments: seeds)
    func parseOfCompileGivesBackEveryValidList(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var lengths = Set<Int>()
        for _ in 0..<300 {
            let entries = Self.randomList(using: &generator)
            lengths.insert(entries.count)
            let value = try AlarmClock.compile(entries)
            #expect(try AlarmClock.parse(value) == entries, "\(value)")
            #expect(value.isEmpty == entries.isEmpty)
            #expect(value.isEmpty || value.hasSuffix("&"))
            #expect(value.split(separator: "&").count == entries.count)
            #expect(value.isSafeForPBXWire)
        }
        #expect(lengths == Set(0...8))  // every list length was tried
    }

    @Test(arguments: seeds)
    func compileOfParseGivesBackTheSameValueAndToleratesSpacesBeforeAmpersand(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed &+ 100)
        for _ in 0..<200 {
            let value = try AlarmClock.compile(Self.randomList(using: &generator))
            #expect(try AlarmClock.compile(AlarmClock.parse(value)) == value)
            let spaced = value.replacing("&", with: " &")  // the vendor reply template's `num &`
            #expect(try AlarmClock.compile(AlarmClock.parse(spaced)) == value)
        }
    }

    @Test(arguments: seeds)
    func oneBrokenPartIsReportedWithItsEntryIndexAndPart(seed: UInt64) {
        var generator = SplitMix64(seed: seed &+ 200)
        for _ in 0..<200 {
            var entries = Self.randomList(using: &generator)
            if entries.isEmpty { entries = [Self.randomEntry(using: &generator)] }
            let index = Int.random(in: 0..<entries.count, using: &generator)
            let part: AlarmClockIssue.Part
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                entries[index].frequency = Int.random(in: -3...4, using: &generator)
                part = .frequency
            case 1:
                entries[index].days = Int.random(in: -3...0, using: &generator)
                part = .days
            case 2:
                entries[index].attempts = Bool.random(using: &generator)
                    ? Int.random(in: -3...0, using: &generator) : Int.random(in: 11...99, using: &generator)
                part = .num
            default:
                entries[index].prompt = ["a.wav", "a/b.gsm", "a*b.gsm", "a&b.gsm", ".gsm", "a.gsm.bak"]
                    .randomElement(using: &generator)!
                part = .file
            }
            let error = thrownError(AlarmClockError.self) { try AlarmClock.compile(entries) }
            #expect(error?.issues.map(\.index) == [index])
            #expect(error?.issues.map(\.part) == [part])
            #expect(error?.description.hasPrefix("entry \(index + 1): \(part.rawValue): ") == true)
        }
    }

    @Test(arguments: seeds)
    func brokenStartInACompiledValueIsReportedWithItsEntryIndex(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed &+ 300)
        for _ in 0..<200 {
            var entries = Self.randomList(using: &generator)
            if entries.isEmpty { entries = [Self.randomEntry(using: &generator)] }
            var pieces = try AlarmClock.compile(entries).split(separator: "&").map(String.init)
            let index = Int.random(in: 0..<pieces.count, using: &generator)
            let badStart = ["24:00", "7:5", "07:60", "ab:cd", "", "23:5"].randomElement(using: &generator)!
            pieces[index] = badStart + pieces[index].dropFirst(5)
            let value = pieces.map { $0 + "&" }.joined()
            let error = thrownError(AlarmClockError.self) { try AlarmClock.parse(value) }
            #expect(error?.issues == [AlarmClockIssue(index: index, part: .start, rule: "\"\(badStart)\" is not a real time HH:mm")])
        }
    }
}
