/// One line of `reveille check`'s checklist: what was checked, whether it passed, what was found,
/// and for a failure what to do.
public struct CheckLine: Hashable, Sendable, CustomStringConvertible {
    /// What was checked, e.g. `rooms file`, `PBX login`.
    public var name: String
    public var passed: Bool
    /// What was found (counts, times, the PBX's own message).
    public var detail: String
    /// For a failure: what to do about it.
    public var fix: String?

    public static func pass(_ name: String, _ detail: String) -> CheckLine {
        CheckLine(name: name, passed: true, detail: detail, fix: nil)
    }

    public static func fail(_ name: String, _ detail: String, fix: String) -> CheckLine {
        CheckLine(name: name, passed: false, detail: detail, fix: fix)
    }

    /// `✓ name: detail`, or `✗ name: detail` and `→ fix` on the next line.
    public var description: String {
        (passed ? "✓ " : "✗ ") + name + ": " + detail + (fix.map { "\n    → " + $0 } ?? "")
    }
}

extension Array where Element == CheckLine {
    /// Whether every line passed.
    public var allPassed: Bool { allSatisfy(\.passed) }
}
