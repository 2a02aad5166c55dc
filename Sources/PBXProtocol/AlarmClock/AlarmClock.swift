/// The AlarmClock codec of §4.4: a wake-up list to and from `start*end*frequency*days*file*num&…`.
public enum AlarmClock {
    /// The allowed prompt file endings.
    public static let promptEndings = [".gsm", ".ulaw", ".alaw"]
    /// The allowed number of attempts.
    public static let attemptsRange = 1...10
    /// The smallest frequency, in minutes.
    public static let minimumFrequency = 5

    /// The AlarmClock value for `entries`: each entry `start**frequency*days*file*num&` (`end` is
    /// always empty); an empty list gives the empty value, which clears the extension (§4.4).
    /// - Throws: ``AlarmClockError`` listing every broken rule, by entry, part and rule.
    public static func compile(_ entries: [WakeUpEntry]) throws(AlarmClockError) -> String {
        var issues: [AlarmClockIssue] = []
        for (index, entry) in entries.enumerated() {
            issues += validate(entry, index: index)
        }
        guard issues.isEmpty else { throw AlarmClockError(issues: issues) }
        var value: [UInt8] = []
        value.reserveCapacity(entries.count * 32)
        for entry in entries {
            entry.start.appendDigits(to: &value)
            value += "**".utf8
            value += String(entry.frequency).utf8
            value.append(UInt8(ascii: "*"))
            value += String(entry.days).utf8
            value.append(UInt8(ascii: "*"))
            value += entry.prompt.utf8
            value.append(UInt8(ascii: "*"))
            value += String(entry.attempts).utf8
            value.append(UInt8(ascii: "&"))
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// Parses an AlarmClock value back into entries, tolerating a space before `&` (the vendor's
    /// reply template shows `num &`) and an `end` time (deprecated, ignored).
    /// - Throws: ``AlarmClockError`` for a value that does not end with `&`, an entry without six
    ///   parts, or any part that breaks its rule.
    public static func parse(_ value: String) throws(AlarmClockError) -> [WakeUpEntry] {
        let trimmed = value.trimmedSpaces
        if trimmed.isEmpty { return [] }
        guard trimmed.hasSuffix("&") else {
            throw AlarmClockError(issues: [
                AlarmClockIssue(index: 0, part: .format, rule: "the value must end with '&' or be empty")
            ])
        }
        let pieces = trimmed.dropLast().split(separator: "&", omittingEmptySubsequences: false)
        var entries: [WakeUpEntry] = []
        var issues: [AlarmClockIssue] = []
        for (index, piece) in pieces.enumerated() {
            let parts = piece.trimmedSpaces.split(separator: "*", omittingEmptySubsequences: false).map {
                String($0).trimmedSpaces
            }
            guard parts.count == 6 else {
                issues.append(
                    AlarmClockIssue(
                        index: index, part: .format,
                        rule: "an entry has 6 parts start*end*frequency*days*file*num, found \(parts.count)"))
                continue
            }
            let start = TimeOfDay(parts[0])
            if start == nil {
                issues.append(AlarmClockIssue(index: index, part: .start, rule: "\"\(parts[0])\" is not a real time HH:mm"))
            }
            if !parts[1].isEmpty, TimeOfDay(parts[1]) == nil {
                issues.append(AlarmClockIssue(index: index, part: .end, rule: "\"\(parts[1])\" is not empty or a real time HH:mm"))
            }
            let frequency = integer(parts[2], index: index, part: .frequency, into: &issues)
            let days = integer(parts[3], index: index, part: .days, into: &issues)
            let attempts = integer(parts[5], index: index, part: .num, into: &issues)
            // A part that could not be read stands in with a valid value, so that the rules of every
            // other part are still checked and all problems are reported at once.
            let entry = WakeUpEntry(
                start: start ?? TimeOfDay.midnight,
                frequency: frequency ?? minimumFrequency,
                days: days ?? WakeUpEntry.defaultDays,
                prompt: parts[4],
                attempts: attempts ?? WakeUpEntry.defaultAttempts)
            issues += validate(entry, index: index)
            entries.append(entry)
        }
        guard issues.isEmpty else { throw AlarmClockError(issues: issues) }
        return entries
    }

    /// Checked entries from loose input, defaults filled in (frequency 5, days 1,
    /// `fpm-world-mix.gsm`, 3 attempts).
    /// - Throws: ``AlarmClockError`` listing every broken rule.
    public static func entries(from specs: [WakeUpSpec]) throws(AlarmClockError) -> [WakeUpEntry] {
        var entries: [WakeUpEntry] = []
        var issues: [AlarmClockIssue] = []
        for (index, spec) in specs.enumerated() {
            let start = TimeOfDay(spec.start)
            if start == nil {
                issues.append(AlarmClockIssue(index: index, part: .start, rule: "\"\(spec.start)\" is not a real time HH:mm"))
            }
            let entry = WakeUpEntry(
                start: start ?? TimeOfDay.midnight,
                frequency: spec.frequency ?? WakeUpEntry.defaultFrequency,
                days: spec.days ?? WakeUpEntry.defaultDays,
                prompt: spec.prompt ?? WakeUpEntry.defaultPrompt,
                attempts: spec.attempts ?? WakeUpEntry.defaultAttempts)
            let found = validate(entry, index: index)
            issues += found
            if start != nil, found.isEmpty { entries.append(entry) }
        }
        guard issues.isEmpty else { throw AlarmClockError(issues: issues) }
        return entries
    }

    /// The rules of §4.4 that `entry` breaks.
    public static func validate(_ entry: WakeUpEntry, index: Int) -> [AlarmClockIssue] {
        var issues: [AlarmClockIssue] = []
        if entry.frequency < minimumFrequency {
            issues.append(AlarmClockIssue(index: index, part: .frequency, rule: "\(entry.frequency) is below the minimum of \(minimumFrequency) minutes"))
        }
        if entry.days < 1 {
            issues.append(AlarmClockIssue(index: index, part: .days, rule: "\(entry.days) is below the minimum of 1 day"))
        }
        if !attemptsRange.contains(entry.attempts) {
            issues.append(AlarmClockIssue(index: index, part: .num, rule: "\(entry.attempts) is outside 1–10 attempts"))
        }
        if let rule = promptRule(entry.prompt) {
            issues.append(AlarmClockIssue(index: index, part: .file, rule: rule))
        }
        return issues
    }

    /// The longest prompt file name before its ending.
    public static let maximumPromptStem = 64

    /// Why `prompt` is not a plain prompt file name, or `nil` when it is one: letters A–Z and
    /// a–z, digits, `.`, `_` and `-` only (at most ``maximumPromptStem`` before the ending), ending
    /// `.gsm`, `.ulaw` or `.alaw`. Anything else (a path, `*` or `&`, a space, `+`, `:`, `#`, a
    /// quote, non-ASCII letters) is what a strict PBX rejects (§4.4 file name).
    public static func promptRule(_ prompt: String) -> String? {
        if !prompt.isSafeForPBXWire { return "must not contain control characters" }
        for scalar in prompt.unicodeScalars where !isPromptCharacter(scalar) {
            return "\"\(prompt.prefix(80))\" must be a plain file name without '\(Character(scalar))'"
                + " (letters A–Z, digits, '.', '_' and '-' only)"
        }
        guard let ending = promptEndings.first(where: { prompt.utf8.hasSuffix($0.utf8) }),
            prompt.utf8.count > ending.utf8.count
        else {
            return "\"\(prompt.prefix(80))\" must be a file name ending .gsm, .ulaw or .alaw"
        }
        if prompt.utf8.count - ending.utf8.count > maximumPromptStem {
            return "must be at most \(maximumPromptStem) characters before \(ending)"
        }
        return nil
    }

    private static func isPromptCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }

    private static func integer(
        _ text: String, index: Int, part: AlarmClockIssue.Part, into issues: inout [AlarmClockIssue]
    ) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let number = Int(text)
        else {
            issues.append(AlarmClockIssue(index: index, part: part, rule: "\"\(text)\" is not a whole number"))
            return nil
        }
        return number
    }
}


extension BidirectionalCollection where Element: Equatable {
    /// Whether the last elements of this collection equal `suffix`.
    func hasSuffix<S: BidirectionalCollection>(_ suffix: S) -> Bool where S.Element == Element {
        var mine = self.reversed().makeIterator()
        for element in suffix.reversed() {
            guard mine.next() == element else { return false }
        }
        return true
    }
}
