import Foundation
import PBXProtocol

/// A value that breaks one of the documented ``InputBounds``: names the field and the rule.
/// Whatever carried it is refused whole; nothing is stored.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    /// The rule broken, in English.
    public var rule: String
    /// The same, for machines and translations (``ErrorCode``), with the values it names.
    public var code: ErrorCode
    public var params: [String: String]

    public init(field: String, code: ErrorCode, params: [String: String] = [:], rule: String) {
        self.field = field
        self.rule = rule
        self.code = code
        self.params = params
    }

    /// An error without a precise code (``ErrorCode/invalid``).
    @available(*, deprecated, message: "give the error its ErrorCode")
    public init(field: String, rule: String) {
        self.init(field: field, code: .invalid, rule: rule)
    }

    public var description: String { "\(field): \(rule)" }
}

/// The range of every number, date and string that enters Reveille (API, CLI, PMS socket, CSV
/// export, configuration), in one place: each door calls these checks before it stores anything,
/// and the loader applies them again to stored rows (a row outside them is quarantined, not
/// planned). README's "Bounds" table lists the same values.
public enum InputBounds {
    /// A time of day as people type it: `7:30`, `07:30` or `0730` (hours 0–23, minutes 0–59). The PBX
    /// always gets `HH:mm` (§4.4); the page, the API, the CLI and the socket accept the same.
    public static func time(_ text: String, field: String) throws(InputError) -> TimeOfDay {
        let digits = text.filter { $0 != ":" }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let valid =
            text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":") }
            && (parts.count == 2 ? (1...2).contains(parts[0].count) && parts[1].count == 2 : parts.count == 1 && digits.count == 4)
        guard valid, let number = Int(digits), let time = TimeOfDay(hour: number / 100, minute: number % 100) else {
            throw InputError(field: field, code: .notATime, params: ["value": excerpt(text)], rule: "\"\(excerpt(text))\" is not a real time HH:mm")
        }
        return time
    }

    /// Minutes between rings: at least the PBX's minimum (§4.4), at most two hours.
    public static let frequency = AlarmClock.minimumFrequency...120
    /// Attempts per wake-up (§4.4).
    public static let attempts = AlarmClock.attemptsRange
    /// Minutes after a personal call's time its backup rings from the PBX.
    public static let backupAfter = 0...60
    /// Minutes after an answered wake-up its follow-up call rings.
    public static let followUpAfter = 1...120
    /// Days a daily wake-up lasts.
    public static let days = 1...366
    /// How far back a date or an instant may lie (days before today): yesterday, for a window or a
    /// stay already under way.
    public static let daysBack = 1
    /// How far ahead a date or an instant may lie (days after today).
    public static let daysAhead = 400
    /// A stay's arrival may lie this far back (long stays are exported with their real arrival).
    public static let stayDaysBack = 400
    /// Guest names, group names, rule names (Unicode scalars: a character such as `Z` with 40,000
    /// combining accents counts 40,001, not 1).
    public static let nameLength = 64
    /// Guest names, group names, rule names (UTF-8 bytes): 64 Chinese characters (3 bytes each).
    /// The ExtenName frame (§4.2) of the longest name and a 32-byte phone is then at most 321 bytes,
    /// a 200th of the 64 KiB frame limit (§1).
    public static let nameBytes = 192
    /// Room numbers, booking numbers, group codes (Unicode scalars).
    public static let codeLength = 32
    /// Room numbers, booking numbers, group codes (UTF-8 bytes).
    public static let codeBytes = 96
    /// Free text such as an acknowledgement note (Unicode scalars).
    public static let textLength = 500
    /// Free text such as an acknowledgement note (UTF-8 bytes).
    public static let textBytes = 1_500
    /// The largest frame Reveille sends (bytes): the §1 frame limit. A frame over it is refused
    /// before it is written (``PBXRequest/frame()``), so no push can make the PBX drop the link.
    public static let frameBytes = Frame.sendLimit
    /// Rooms named by one group wake-up.
    public static let groupRooms = 1...2_000
    /// Wake-ups (room bookings and groups together) that may apply to one room: keeps every
    /// AlarmClock value, and the PBX's echo of it, far below the 64 KiB frame limit (§1).
    public static let wakeUpsPerRoom = 12
    /// The largest AlarmClock value sent for one extension (bytes).
    public static let alarmClockBytes = 2_048
    /// In-house stays one room may hold at once by default (a shared room: colleagues, a tour's
    /// room-mates, a guest joining later); `ingest.guestsPerRoom` sets it within ``guestsPerRoomRange``.
    public static let guestsPerRoom = 4
    /// The accepted values of `ingest.guestsPerRoom`.
    public static let guestsPerRoomRange = 1...20
    /// Hours of DND after check-in (housekeeping rule).
    public static let afterCheckInHours = 1...72
    /// A housekeeping rule's priority.
    public static let rulePriority = 0...1_000
    /// A floor number.
    public static let floor = -20...300

    // MARK: - Checks

    /// `value` is within `range`.
    public static func check(_ value: Int, in range: ClosedRange<Int>, field: String, unit: String = "") throws(InputError) {
        guard range.contains(value) else {
            throw InputError(
                field: field, code: .outOfRange,
                params: ["minimum": "\(range.lowerBound)", "maximum": "\(range.upperBound)", "unit": unit],
                rule: "must be \(range.lowerBound) to \(range.upperBound)\(unit.isEmpty ? "" : " " + unit)")
        }
    }

    /// A name or short text: not blank (when required), no control characters (never on the PBX
    /// wire, §1), at most `maximum` Unicode scalars and `bytes` UTF-8 bytes (default: the bound
    /// that goes with `maximum`, ``nameBytes``, ``codeBytes``, ``textBytes``, else 3 per scalar).
    /// Code: `textTooLong` (the lead's error codes).
    public static func text(
        _ value: String, field: String, maximum: Int = nameLength, bytes: Int? = nil, required: Bool = true
    ) throws(InputError) {
        if required, value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw InputError(field: field, code: .empty, rule: "must not be empty")
        }
        guard value.isSafeForPBXWire else {
            throw InputError(field: field, code: .controlCharacters, rule: "must not contain CR, LF or other control characters (§1)")
        }
        // Bytes and scalars, never characters: `Z` with 40,000 combining accents is one character.
        let byteLimit = bytes ?? Self.bytes(forScalars: maximum)
        let scalarCount = value.unicodeScalars.count
        guard scalarCount <= maximum else {
            throw InputError(
                field: field, code: .tooLong, params: ["maximum": "\(maximum)", "length": "\(scalarCount)"],
                rule: "must be at most \(maximum) characters (has \(scalarCount))")
        }
        let byteCount = value.utf8.count
        guard byteCount <= byteLimit else {
            throw InputError(
                field: field, code: .tooManyBytes, params: ["maximum": "\(byteLimit)", "length": "\(byteCount)"],
                rule: "must be at most \(byteLimit) bytes in UTF-8 (has \(byteCount))")
        }
    }

    /// The UTF-8 byte bound that goes with a bound of `scalars` Unicode scalars.
    static func bytes(forScalars scalars: Int) -> Int {
        switch scalars {
        case nameLength: nameBytes
        case codeLength: codeBytes
        case textLength: textBytes
        default: scalars * 3
        }
    }

    /// `text` cut to at most `scalars` Unicode scalars (an ellipsis marks a cut), for quoting a
    /// refused value in an error or a report: a huge value is never echoed whole.
    public static func excerpt(_ text: some StringProtocol, scalars: Int = 40) -> String {
        var view = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count == scalars { return String(view) + "…" }
            view.append(scalar)
            count += 1
        }
        return String(view)
    }

    /// A prompt file name (§4.4, `[A-Za-z0-9._-]{1,64}` and `.gsm`, `.ulaw` or `.alaw`).
    public static func prompt(_ value: String, field: String = "prompt") throws(InputError) {
        if let rule = AlarmClock.promptRule(value) {
            throw InputError(field: field, code: .pbxFormat, params: ["detail": rule], rule: rule + " (§4.4)")
        }
    }

    /// Ring options, each only when given (a `nil` takes the hotel default).
    public static func check(_ options: WakeUpOptions) throws(InputError) {
        if let frequency = options.frequency { try check(frequency, in: Self.frequency, field: "frequency", unit: "minutes") }
        if let attempts = options.attempts { try check(attempts, in: Self.attempts, field: "attempts") }
        if let prompt = options.prompt { try Self.prompt(prompt) }
        if let backup = options.backupAfter { try check(backup, in: Self.backupAfter, field: "backupAfter", unit: "minutes") }
        if let followUp = options.followUpAfter { try check(followUp, in: Self.followUpAfter, field: "followUpAfter", unit: "minutes") }
    }

    /// A calendar date within `daysBack` before and `daysAhead` after `today`.
    public static func check(_ date: LocalDate, field: String, today: LocalDate, back: Int = daysBack) throws(InputError) {
        let offset = date.dayNumber - today.dayNumber
        guard offset >= -back, offset <= daysAhead else {
            throw InputError(
                field: field, code: .dateOutOfSpan,
                params: ["value": "\(date)", "from": "\(today.adding(days: -back))", "to": "\(today.adding(days: daysAhead))"],
                rule: "\(date) is outside the accepted span: \(today.adding(days: -back)) to \(today.adding(days: daysAhead))")
        }
    }

    /// An instant within `daysBack` before and `daysAhead` after `now`.
    public static func check(_ instant: Date, field: String, now: Date, back: Int = daysBack) throws(InputError) {
        let earliest = now.addingTimeInterval(-Double(back) * 86_400)
        let latest = now.addingTimeInterval(Double(daysAhead) * 86_400)
        guard instant >= earliest, instant <= latest else {
            throw InputError(
                field: field, code: .instantOutOfSpan, params: ["back": "\(back)", "ahead": "\(daysAhead)"],
                rule: "must lie between \(back) day(s) ago and \(daysAhead) days from now")
        }
    }

    /// The days a wake-up rings: a count in range, dates in span, an end not before the start.
    public static func check(_ recurrence: Recurrence, today: LocalDate) throws(InputError) {
        switch recurrence {
        case .once(let day):
            try check(day, field: "date", today: today)
        case .daily(let from, let days):
            try check(from, field: "date", today: today)
            try check(days, in: Self.days, field: "days")
        case .weekdays(let weekdays, let from, let until):
            try check(from, field: "date", today: today)
            guard !weekdays.isEmpty else { throw InputError(field: "weekdays", code: .noWeekday, rule: "choose at least one day") }
            if let until {
                try check(until, field: "until", today: today)
                guard until >= from else { throw InputError(field: "until", code: .endNotAfterStart, params: ["start": "\(from)"], rule: "must not be before the first day \(from)") }
                guard (0..<7).contains(where: { weekdays.contains(from.adding(days: $0).weekday) && from.adding(days: $0) <= until })
                else { throw InputError(
                    field: "until", code: .noWeekdayInSpan, params: ["from": "\(from)", "to": "\(until)"],
                    rule: "no chosen weekday falls between \(from) and \(until)") }
            }
        }
    }

    /// A housekeeping rule's action: a real window.
    public static func check(_ action: DNDRuleAction) throws(InputError) {
        switch action {
        case .whileVacant:
            return
        case .quietHours(let from, let to):
            guard from != to else {
                throw InputError(
                    field: "action.to", code: .endNotAfterStart, params: ["start": "\(from)"],
                    rule: "must differ from action.from (\(from) to \(to) is not a window)")
            }
        case .afterCheckIn(let hours):
            try check(hours, in: afterCheckInHours, field: "action.hours")
        }
    }

    /// A housekeeping rule.
    public static func check(_ rule: DNDRule) throws(InputError) {
        try text(rule.name, field: "name")
        try check(rule.priority, in: rulePriority, field: "priority")
        for floor in rule.selector.floors ?? [] { try check(floor, in: Self.floor, field: "floors") }
        for tag in rule.selector.tags ?? [] { try text(tag, field: "tags", maximum: codeLength) }
        try check(rule.action)
    }

    // MARK: - Stored rows

    /// Why a stored wake-up cannot be planned (a row from an older version or written by hand),
    /// or `nil` when it is within bounds. Dates are not checked here: a stored booking ages.
    public static func problem(options: WakeUpOptions, recurrence: Recurrence) -> String? {
        do throws(InputError) {
            try check(options)
            switch recurrence {
            case .once: break
            case .daily(_, let days): try check(days, in: Self.days, field: "days")
            case .weekdays(let weekdays, _, _):
                guard !weekdays.isEmpty else { throw InputError(field: "weekdays", code: .noWeekday, rule: "choose at least one day") }
            }
            return nil
        } catch {
            return error.description
        }
    }
}

extension Comparable {
    /// This value moved into `range`.
    public func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
