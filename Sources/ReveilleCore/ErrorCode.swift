/// The stable, machine-readable reason of every refusal Reveille answers with (API, CLI, PMS
/// socket). Each error carries one beside its English sentence and the values that sentence
/// names (`params`), so the page and other clients translate the code and never parse English.
/// A code, once shipped, keeps its meaning and its parameters; docs/API.md lists them all.
public enum ErrorCode: String, Hashable, Sendable, Codable, CaseIterable {
    // MARK: Values

    /// A required field is missing or null.
    case required
    /// A text is empty or blank.
    case empty
    /// A text is longer than allowed. `maximum`, `length`.
    case tooLong
    /// A text is longer in UTF-8 than allowed (the PBX's frames are bounded in bytes, §1). `maximum`, `length`.
    case tooManyBytes
    /// A text is shorter than allowed (a password). `minimum`, `length`.
    case tooShort
    /// A user name holding other characters than `a-z 0-9 . _ -`. `allowed`.
    case notAUserName
    /// A text holds CR, LF or another control character (never on the PBX wire, §1).
    case controlCharacters
    /// A number outside its range. `minimum`, `maximum`, `unit` (may be empty).
    case outOfRange
    /// A value that is not one of the allowed ones. `value`, `allowed` (comma-separated).
    case notOneOf
    /// Not a time of day `H:mm`, `HH:mm` or `HHmm`. `value`.
    case notATime
    /// Not a calendar date `yyyy-MM-dd`. `value`.
    case notADate
    /// Not a date-time `yyyy-MM-ddTHH:mm` (or a time). `value`.
    case notADateTime
    /// Not a whole number. `value`.
    case notANumber
    /// A JSON value of the wrong type. `expected`.
    case wrongType
    /// The body is not a JSON object, or not one event per line.
    case notJSON
    /// A date outside the accepted span. `value`, `from`, `to`.
    case dateOutOfSpan
    /// An instant too far back or ahead. `back`, `ahead` (days).
    case instantOutOfSpan
    /// An end not after its start. `start` (may be empty).
    case endNotAfterStart
    /// An end already in the past.
    case notInFuture
    /// Two fields that exclude each other. `other`.
    case conflictingFields
    /// A field that applies only with another. `needs`.
    case needsOtherField
    /// A weekday number outside 1 (Monday) to 7 (Sunday). `value`.
    case notAWeekday
    /// No weekday chosen.
    case noWeekday
    /// No chosen weekday falls in the span. `from`, `to`.
    case noWeekdayInSpan
    /// A value the PBX's AlarmClock format refuses (§4.4). `detail` (English).
    case pbxFormat
    /// A field of another kind of rule. `type`.
    case doesNotBelong

    // MARK: Hotel

    /// The hotel has no such room. `room`.
    case unknownRoom
    /// The room has no guest in house. `room`.
    case noGuest
    /// The room is occupied (PMS socket check-in without `replace`). `room`.
    case roomOccupied
    /// The stay has checked out. `stay`.
    case stayCheckedOut
    /// The booking does not match the room's guest (PMS socket). `booking`, `room`.
    case bookingMismatch
    /// A PMS event about a shared room that does not say which guest (PMS socket). `room`, `count`.
    case guestAmbiguous
    /// A move to the room the guest is in.
    case sameRoom
    /// The wake-up never rings before the guest's departure. `departure`.
    case afterDeparture
    /// A group names no room.
    case noRooms
    /// No room of a group has a guest in house.
    case noGuestInGroup
    /// A room range names no room of the hotel. `range`.
    case noRoomInRange
    /// No room on the floor. `floor`.
    case noRoomOnFloor
    /// Some rooms of a group cannot be pushed before its first wake-up. `late`, `total`, `first`.
    case groupLate
    /// The room would hold more wake-ups than allowed. `room`, `count`, `maximum`.
    case roomFull
    /// A group's first minute is past the PBX's ring capacity (`pbx.ringCapacity`) and the booking
    /// asked to be refused then. `minute`, `booked`, `capacity`, `late`, `total`, `lateBy` (minutes),
    /// `free` (the nearest free minutes, comma-separated; empty: none within 2 hours).
    case minuteFull
    /// The room's stay already has a wake-up at this time with this recurrence. `room`, `time`, `id`.
    case duplicateWakeUp
    /// A guest language that is not known. `value`.
    case unknownLanguage

    // MARK: Accounts

    /// An account with this user name exists already (whatever the case). `user`.
    case userNameTaken
    /// Sign-in refused: unknown user, wrong password or a disabled account (one answer for all).
    case badCredentials
    /// Too many failed sign-ins for this user name lately. `retryAfter` (seconds).
    case tooManyAttempts
    /// A change sent with the session cookie but without the page's `X-Reveille` header (another
    /// site's form or script may not act as the signed-in person).
    case crossSiteRequest

    // MARK: Requests

    /// What the request names does not exist. `what` (`wakeUp`, `group`, `dnd`, `alert`, `stay`,
    /// `rule`, `room`, `heldImport`, `simulator`, `endpoint`), `id`.
    case notFound
    /// The alert was acknowledged already. `by`, `at`.
    case alreadyAcknowledged
    /// No or an unknown bearer token.
    case unauthorized
    /// The caller's role may not do this. `role`, `action`.
    case forbidden
    /// A path that is not written canonically (`//`, `.`, `..`, `%`, a trailing `/`, `;`).
    case badPath
    /// A method the path does not have. `method`, `allowed`.
    case methodNotAllowed
    /// A body over the size limit. `maximum` (bytes).
    case bodyTooLarge
    /// The database is busy; the request was not carried out and may be sent again.
    case busy
    /// The store could not apply a PMS socket event now (busy, locked, full, I/O); nothing changed,
    /// the event may be sent again (`"retryable":true`).
    case storeUnavailable
    /// Anything else: see the service log.
    case internalError
    /// A refusal without a more precise code (the English sentence says why).
    case invalid
}
