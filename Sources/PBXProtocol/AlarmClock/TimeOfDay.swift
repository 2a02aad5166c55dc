/// A wall-clock time of day, written `HH:mm` (§4.4 `start`).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// A time, or `nil` unless `0 ≤ hour ≤ 23` and `0 ≤ minute ≤ 59`.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses exactly two digits, `:`, two digits (`07:05`; not `7:5`, not `24:00`).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            let hour = PBXDateTime.number(bytes, 0, 2), let minute = PBXDateTime.number(bytes, 3, 2)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// 00:00.
    public static let midnight = TimeOfDay(hour: 0, minute: 0)!

    /// Minutes since midnight.
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(5)
        appendDigits(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `HH:mm` to `bytes`.
    func appendDigits(to bytes: inout [UInt8]) {
        let zero = UInt8(ascii: "0")
        bytes.append(zero + UInt8(hour / 10))
        bytes.append(zero + UInt8(hour % 10))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(zero + UInt8(minute / 10))
        bytes.append(zero + UInt8(minute % 10))
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

extension TimeOfDay: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a real time HH:mm")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
