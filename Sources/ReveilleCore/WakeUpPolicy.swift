import Foundation
import PBXProtocol

/// Which days a wake-up rings.
public enum Recurrence: Hashable, Sendable, Codable {
    /// One day only.
    case once(LocalDate)
    /// Every day for `days` days from `from`.
    case daily(from: LocalDate, days: Int)
    /// The chosen weekdays from `from` until `until` (inclusive), or until check-out when `nil`.
    case weekdays(Set<Weekday>, from: LocalDate, until: LocalDate?)

    /// Whether the wake-up rings on `date`.
    public func includes(_ date: LocalDate) -> Bool {
        switch self {
        case .once(let day):
            return date == day
        case .daily(let from, let days):
            return date >= from && date.dayNumber < from.dayNumber + days
        case .weekdays(let weekdays, let from, let until):
            return date >= from && (until.map { date <= $0 } ?? true) && weekdays.contains(date.weekday)
        }
    }

    /// The first day it rings.
    public var firstDay: LocalDate {
        switch self {
        case .once(let day): day
        case .daily(let from, _): from
        case .weekdays(let weekdays, let from, _):
            (0..<7).map { from.adding(days: $0) }.first { weekdays.contains($0.weekday) } ?? from
        }
    }
}

/// Ring options; each `nil` takes the hotel default (the prompt: the guest's language's).
public struct WakeUpOptions: Hashable, Sendable, Codable {
    public var frequency: Int?
    public var attempts: Int?
    public var prompt: String?
    /// A personal call: reception is alerted to phone the room at its time.
    public var personal: Bool?
    /// Reception only: a personal call that is not sent to the PBX (implies ``personal``).
    public var receptionOnly: Bool?
    /// A personal call's backup: minutes after its time the PBX rings the room unless
    /// reception acknowledged the call (0: the PBX rings at its time, alongside the call). `nil`: the
    /// hotel's ``WakeUpDefaults/personalBackupAfter`` — except for a reception-only call, which then
    /// has no backup and stays off the PBX.
    public var backupAfter: Int?
    /// A follow-up call: minutes after an answered wake-up the PBX rings the room
    /// once more (`nil`: none).
    public var followUpAfter: Int?

    public init(
        frequency: Int? = nil, attempts: Int? = nil, prompt: String? = nil, personal: Bool? = nil, receptionOnly: Bool? = nil,
        backupAfter: Int? = nil, followUpAfter: Int? = nil
    ) {
        self.backupAfter = backupAfter
        self.followUpAfter = followUpAfter
        self.frequency = frequency
        self.attempts = attempts
        self.prompt = prompt
        self.personal = personal
        self.receptionOnly = receptionOnly
    }

    /// Whether reception calls the room (a personal call, or a reception-only one).
    public var isPersonal: Bool { personal == true || receptionOnly == true }

    /// Minutes after a personal call's time the PBX rings as its backup; `nil`: never
    /// (a reception-only call without a backup of its own). `stayPersonal`: the stay marks every
    /// wake-up personal.
    public func backup(_ defaults: WakeUpDefaults, stayPersonal: Bool = false) -> Int? {
        guard isPersonal || stayPersonal else { return nil }
        if receptionOnly == true { return backupAfter }
        return backupAfter ?? defaults.personalBackupAfter
    }

    /// The options with the hotel's defaults filled in; without a prompt of its own, the prompt
    /// of the guest's `language` when ``WakeUpDefaults/languagePrompts`` has one.
    public func resolved(
        _ defaults: WakeUpDefaults, language: String? = nil
    ) -> (frequency: Int, attempts: Int, prompt: String) {
        (frequency ?? defaults.frequency, attempts ?? defaults.attempts, prompt ?? defaults.prompt(for: language))
    }
}

/// The hotel's wake-up defaults (§4.4 defaults unless configured).
public struct WakeUpDefaults: Hashable, Sendable, Codable {
    public var frequency = WakeUpEntry.defaultFrequency
    public var attempts = WakeUpEntry.defaultAttempts
    public var prompt = WakeUpEntry.defaultPrompt
    /// `wakeup.prompts`: the prompt file of each language code (``GuestLanguage``), each checked
    /// as a §4.4 file name at start-up.
    public var languagePrompts: [String: String] = [:]
    /// `wakeup.personalBackupAfter`: minutes after a personal call's time the PBX rings the room
    /// unless reception acknowledged the call (0: the PBX rings at its time).
    public var personalBackupAfter = 5

    public init() {}

    /// The prompt of a wake-up booked without one: the language's, else the default.
    public func prompt(for language: String?) -> String {
        language.flatMap { languagePrompts[$0] } ?? prompt
    }

    /// What ``promptLanguage(of:preferring:)`` answers for the hotel's default prompt.
    public static let defaultPromptLanguage = "default"

    /// The language code whose `wakeup.prompts` file `file` is, so staff see a language, not a
    /// file name: `preferring` (the guest's) when it plays that file, else ``defaultPromptLanguage``
    /// for the default prompt, else the first code (sorted) that plays it; `nil`: no language's.
    public func promptLanguage(of file: String, preferring language: String? = nil) -> String? {
        if let language, languagePrompts[language] == file { return language }
        if file == prompt { return Self.defaultPromptLanguage }
        return languagePrompts.filter { $0.value == file }.keys.sorted().first
    }
}

/// A wake-up booked for one room (reception, or the guest through the PMS).
public struct WakeUpPolicy: Hashable, Sendable, Codable, Identifiable {
    public var id: Int64
    public var room: String
    /// The stay it was booked for: it ends with that stay and moves with it.
    public var stayID: Int64?
    public var time: TimeOfDay
    public var recurrence: Recurrence
    public var options: WakeUpOptions

    public init(id: Int64, room: String, stayID: Int64? = nil, time: TimeOfDay, recurrence: Recurrence, options: WakeUpOptions = .init()) {
        self.id = id
        self.room = room
        self.stayID = stayID
        self.time = time
        self.recurrence = recurrence
        self.options = options
    }
}

/// Who is in a group wake-up.
public enum GroupMembers: Hashable, Sendable, Codable {
    /// These rooms (those occupied when a wake-up is due).
    case rooms([String])
    /// Every in-house stay with this booking/group code, wherever it sleeps.
    case bookingGroup(String)
}

/// One wake-up time for a set of rooms (a tour group, a team): pushed 1–2 s apart (§4.4).
public struct GroupWakeUp: Hashable, Sendable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var members: GroupMembers
    public var time: TimeOfDay
    public var recurrence: Recurrence
    public var options: WakeUpOptions

    public init(id: Int64, name: String, members: GroupMembers, time: TimeOfDay, recurrence: Recurrence, options: WakeUpOptions = .init()) {
        self.id = id
        self.name = name
        self.members = members
        self.time = time
        self.recurrence = recurrence
        self.options = options
    }
}
