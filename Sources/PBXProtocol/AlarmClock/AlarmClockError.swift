/// One broken rule in an AlarmClock list (§4.4): which entry, which part, which rule.
public struct AlarmClockIssue: Hashable, Sendable, CustomStringConvertible {
    /// The parts of `start*end*frequency*days*file*num&`, plus the value's overall shape.
    public enum Part: String, Hashable, Sendable {
        case start, end, frequency, days, file, num, format
    }

    /// Zero-based position of the entry in the list.
    public var index: Int
    public var part: Part
    public var rule: String

    public init(index: Int, part: Part, rule: String) {
        self.index = index
        self.part = part
        self.rule = rule
    }

    public var description: String { "entry \(index + 1): \(part.rawValue): \(rule)" }
}

/// Every problem found in an AlarmClock list; nothing of such a list is stored or sent (§4.4).
public struct AlarmClockError: Error, Hashable, Sendable, CustomStringConvertible {
    public var issues: [AlarmClockIssue]

    public init(issues: [AlarmClockIssue]) {
        self.issues = issues
    }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
