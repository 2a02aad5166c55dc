/// A line of the wake-up file `Clock` (§6.3): `extension/，MM-dd，HH:mm:ss` with full-width commas
/// (U+FF0C), answered by the same line followed by `OK`. One month-day and time: no year, no
/// recurrence, no attempts or frequency.
public struct ClockLine: Hashable, Sendable, CustomStringConvertible {
    /// The full-width comma of §6.3.
    public static let comma: Character = "\u{FF0C}"

    public var phone: String
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// The line for a wake-up of `phone` at `time` (its year is not written: §6.3 has none).
    /// - Throws: ``ConsoleLineError`` when the extension could break the line.
    public init(phone: String, at time: PBXDateTime) throws(ConsoleLineError) {
        try ConsoleText.checkExtension(phone)
        self.phone = phone
        (month, day, hour, minute, second) = (time.month, time.day, time.hour, time.minute, time.second)
    }

    /// Reads a `Clock` line as the console software does (the simulator's side). Accepts full-width
    /// or ASCII commas; spaces around the line are trimmed.
    /// - Throws: ``ConsoleLineError`` naming the part and the rule.
    public init(parsing text: String) throws(ConsoleLineError) {
        let line = text.trimmedSpaces
        let parts = line.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let fields = parts.count == 2 ? parts[1].split(whereSeparator: { $0 == Self.comma || $0 == "," }) : []
        guard parts.count == 2, fields.count == 2 else {
            throw ConsoleLineError(field: "line", value: line, rule: "must be extension/，MM-dd，HH:mm:ss (§6.3)")
        }
        let date = fields[0].split(separator: "-").compactMap { Int($0) }
        let time = fields[1].split(separator: ":").compactMap { Int($0) }
        // A leap year, so 02-29 is accepted: the line has no year.
        guard date.count == 2, fields[0].count == 5, PBXDateTime(year: 2000, month: date[0], day: date[1], hour: 0, minute: 0) != nil
        else { throw ConsoleLineError(field: "date", value: String(fields[0]), rule: "must be a real MM-dd (§6.3)") }
        guard time.count == 3, fields[1].count == 8,
            let at = PBXDateTime(year: 2000, month: date[0], day: date[1], hour: time[0], minute: time[1], second: time[2])
        else { throw ConsoleLineError(field: "time", value: String(fields[1]), rule: "must be a real HH:mm:ss (§6.3)") }
        try self.init(phone: String(parts[0]), at: at)
    }

    /// The line written to the file.
    public var description: String {
        "\(phone)/\(Self.comma)\(PBXDateTime.pad(month, 2))-\(PBXDateTime.pad(day, 2))\(Self.comma)"
            + "\(PBXDateTime.pad(hour, 2)):\(PBXDateTime.pad(minute, 2)):\(PBXDateTime.pad(second, 2))"
    }

    /// The console's acknowledgement: the same line followed by `OK` (§6.3).
    public var reply: String { description + "OK" }
}
