/// One wake-up of an extension's AlarmClock list (§4.4): `start*end*frequency*days*file*num&`.
///
/// The numbers are not checked here; ``AlarmClock/compile(_:)`` checks every entry before anything
/// is sent, and ``AlarmClock/entries(from:)`` builds checked entries from loose input.
public struct WakeUpEntry: Hashable, Sendable, Codable {
    /// When the phone first rings.
    public var start: TimeOfDay
    /// Minutes between rings; at least 5.
    public var frequency: Int
    /// How many days the wake-up lasts; at least 1.
    public var days: Int
    /// The prompt played: a plain file name ending `.gsm`, `.ulaw` or `.alaw`.
    public var prompt: String
    /// Number of attempts, 1 to 10.
    public var attempts: Int

    public static let defaultFrequency = 5
    public static let defaultDays = 1
    public static let defaultPrompt = "fpm-world-mix.gsm"
    public static let defaultAttempts = 3

    public init(
        start: TimeOfDay,
        frequency: Int = WakeUpEntry.defaultFrequency,
        days: Int = WakeUpEntry.defaultDays,
        prompt: String = WakeUpEntry.defaultPrompt,
        attempts: Int = WakeUpEntry.defaultAttempts
    ) {
        self.start = start
        self.frequency = frequency
        self.days = days
        self.prompt = prompt
        self.attempts = attempts
    }
}

/// A wake-up as a person or another program gives it: every part optional but `start`, which is
/// still text. ``AlarmClock/entries(from:)`` checks it and fills in the defaults.
public struct WakeUpSpec: Hashable, Sendable, Codable {
    public var start: String
    public var frequency: Int?
    public var days: Int?
    public var prompt: String?
    public var attempts: Int?

    public init(start: String, frequency: Int? = nil, days: Int? = nil, prompt: String? = nil, attempts: Int? = nil) {
        self.start = start
        self.frequency = frequency
        self.days = days
        self.prompt = prompt
        self.attempts = attempts
    }
}
