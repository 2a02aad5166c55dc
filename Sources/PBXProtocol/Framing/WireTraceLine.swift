import Foundation

/// One frame of a PBX wire trace (`pbx.trace`): when, which way, and its fields in order, the
/// password and any token or secret redacted. Stored as one JSON object a line, so a trace can be
/// read back (`reveille trace`) and its PBX side replayed by the simulator.
public struct WireTraceLine: Codable, Hashable, Sendable {
    /// Which way the frame went, seen from Reveille.
    public enum Direction: String, Codable, Hashable, Sendable {
        /// From Reveille to the PBX.
        case out
        /// From the PBX to Reveille.
        case `in`
    }

    /// What a redacted value is written as.
    public static let redacted = "<redacted>"

    public var at: Date
    public var direction: Direction
    /// `[key, value]` pairs in the frame's order.
    public var fields: [[String]]

    enum CodingKeys: String, CodingKey {
        case at, direction = "dir", fields
    }

    /// The line of `frame`, its secrets redacted (§3.1: `Password`; anything named like a token or secret).
    public init(at: Date, direction: Direction, frame: Frame) {
        self.at = at
        self.direction = direction
        self.fields = frame.fields.map { [$0.key, Self.isSecret($0.key) ? Self.redacted : $0.value] }
    }

    /// Whether a field of this name is never written to a trace.
    public static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return lowered.contains("password") || lowered.contains("token") || lowered.contains("secret")
    }

    /// The frame again (redacted values stay redacted).
    public var frame: Frame {
        Frame(fields.compactMap { $0.count == 2 ? Field($0[0], $0[1]) : nil })
    }

    /// The value of `key`, if the frame has it.
    public subscript(key: String) -> String? {
        fields.first { $0.count == 2 && $0[0] == key }?[1]
    }

    /// The JSON line (no newline).
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.timestamp(date))
        }
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads one line; `nil` for a line that is not one (a trace cut mid-line by a crash, say).
    public static func decode(_ line: Substring) -> WireTraceLine? {
        guard !line.isEmpty, line.utf8.count <= 1 << 20 else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Self.date(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a trace time: \(text)"))
            }
            return date
        }
        return try? decoder.decode(WireTraceLine.self, from: Data(line.utf8))
    }

    /// `2026-12-07T05:00:00.123Z`.
    public static func timestamp(_ date: Date) -> String {
        // Rounded to the millisecond (the formatter truncates: 0.010 s would be written .009).
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: TimeInterval(fraction < 0 ? seconds - 1 : seconds))
        let text = whole.formatted(Date.ISO8601FormatStyle())  // yyyy-MM-ddTHH:mm:ssZ
        return String(text.dropLast()) + String(format: ".%03dZ", fraction < 0 ? fraction + 1000 : fraction)
    }

    static func date(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }

    /// The extension the frame is about: `Phone` of a Set, `Exten` of ExtenStatus, `Callee`/`Caller` of a CDR.
    public var extensions: Set<String> {
        Set(["Phone", "Exten", "Callee", "Caller", "Peer"].compactMap { self[$0] }.filter { !$0.isEmpty })
    }

    /// `05:00:00.123 → Set AlarmClock SeqID=3 Phone=8201 AlarmClock=06:30**5*1*fpm-world-mix.gsm*3&`
    public func readable(timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // Whole milliseconds first: a Date's double would print 0.010 s as .009.
        let milliseconds = Int64((at.timeIntervalSince1970 * 1000).rounded())
        let whole = Date(timeIntervalSince1970: TimeInterval(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient))
        let fraction = Int(((milliseconds % 1000) + 1000) % 1000)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: milliseconds < 0 ? whole.addingTimeInterval(-1) : whole)
        let time = String(format: "%04d-%02d-%02d %02d:%02d:%02d.%03d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                          parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, fraction)
        let arrow = direction == .out ? "→ PBX" : "← PBX"
        let head = [self["Action"], self["CallMethod"], self["Response"]].compactMap { $0 }.joined(separator: " ")
        let rest = fields.filter { $0.count == 2 && !["ServiceType", "Action", "CallMethod", "Response"].contains($0[0]) }
            .map { "\($0[0])=\($0[1])" }
        return ([time, arrow, head] + rest).joined(separator: " ")
    }
}
