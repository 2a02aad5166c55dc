import Foundation
import PBXProtocol
import ReveilleCore
import ReveilleIngest
import ReveilleStore

// What the API reads and writes (docs/API.md). Encoded with sorted keys.

struct LinkDTO: Codable, Sendable {
    var state: String
    var up: Bool
    var detail: String
}

struct StatusDTO: Codable, Sendable {
    struct Outbox: Codable, Sendable {
        var pending: Int
        var failed: Int
    }

    struct Import: Codable, Sendable {
        var last: ImportReport?
        var held: ImportReport?
        /// Seconds since the PMS last wrote its export (absent: no export configured, or no file).
        var exportAgeSeconds: Int?
        /// True when the export is older than `ingest.csv.staleAfter` or missing: the PMS may have
        /// stopped exporting, and check-ins are not reaching the PBX.
        var exportStale: Bool?
    }

    struct Hotel: Codable, Sendable {
        var timeZone: String
        var now: String
    }

    var link: LinkDTO
    var outbox: Outbox
    var `import`: Import
    var hotel: Hotel
    var simulator: Bool
    /// Rooms with a wake-up due within 60 min that the PBX has not acknowledged (issue 13): an
    /// alert when above 0.
    var unconfirmedSoon: Int
    /// Stored rows left out of planning (unreadable or outside the bounds): the admin fixes or
    /// deletes them; every other room is planned as usual.
    var quarantined: [QuarantinedRow]
}

struct DNDDTO: Codable, Sendable, Equatable {
    var use: Bool
    var start: String?
    var end: String?
}

struct GuestDTO: Codable, Sendable {
    var stayID: Int64
    var name: String
    var arrival: String
    var departure: String
    var group: String?
}

struct PlannedWakeUpDTO: Codable, Sendable {
    var time: String
    var at: String
    var source: String
    var policyID: Int64?
    var groupID: Int64?
}

struct DesiredDTO: Codable, Sendable {
    var alarmClock: String
    var wakeUps: [PlannedWakeUpDTO]
    var dnd: DNDDTO
    var name: String
    var callClass: Int
}

struct AcknowledgedDTO: Codable, Sendable {
    var alarmClock: String?
    var dnd: DNDDTO?
    var name: String?
    var callClass: Int?
    var confirmedAt: String?
}

struct AttemptDTO: Codable, Sendable {
    var room: String?
    var phone: String
    var ringAt: String
    var outcome: String
    var endedAt: String
}

struct RoomDTO: Codable, Sendable {
    var number: String
    var phone: String
    var floor: Int
    var wing: String?
    var tags: [String]
    var outOfOrder: Bool
    var guest: GuestDTO?
    var desired: DesiredDTO
    var acknowledged: AcknowledgedDTO
    var inSync: Bool
    /// The room's latest wake-up ring and whether it was answered.
    var lastWakeUp: AttemptDTO?
}

struct RecurrenceDTO: Codable, Sendable {
    var type: String
    var date: String?
    var from: String?
    var days: Int?
    var weekdays: [Int]?
    var until: String?

    init(_ recurrence: Recurrence) {
        switch recurrence {
        case .once(let day): type = "once"; date = day.description
        case .daily(let from, let days): type = "daily"; self.from = from.description; self.days = days
        case .weekdays(let set, let from, let until):
            type = "weekdays"; self.from = from.description; weekdays = set.map(\.rawValue).sorted(); self.until = until?.description
        }
    }
}

struct WakeUpDTO: Codable, Sendable {
    var id: Int64
    var room: String
    var stayID: Int64?
    var time: String
    var recurrence: RecurrenceDTO
    var frequency: Int?
    var attempts: Int?
    var prompt: String?

    init(_ policy: WakeUpPolicy) {
        id = policy.id
        room = policy.room
        stayID = policy.stayID
        time = policy.time.description
        recurrence = RecurrenceDTO(policy.recurrence)
        frequency = policy.options.frequency
        attempts = policy.options.attempts
        prompt = policy.options.prompt
    }
}

struct MembersDTO: Codable, Sendable {
    var rooms: [String]?
    var group: String?
}

struct GroupDTO: Codable, Sendable {
    var id: Int64
    var name: String
    var members: MembersDTO
    var time: String
    var recurrence: RecurrenceDTO
    var frequency: Int?
    var attempts: Int?
    var prompt: String?
    var progress: GroupProgress
    var expectedFinish: String?
}

struct AssessmentDTO: Codable, Sendable {
    var rooms: [String]
    var expectedFinish: String
    var latestFinish: String
    var firstWakeUp: String?
    var lateRooms: [String]
}

struct DNDWindowDTO: Codable, Sendable {
    var id: Int64
    var room: String
    var stayID: Int64?
    var start: String
    var end: String
}

struct RuleActionDTO: Codable, Sendable {
    var type: String
    var from: String?
    var to: String?
    var hours: Int?
}

struct RuleDTO: Codable, Sendable {
    var id: Int64?
    var name: String
    var floors: [Int]?
    var tags: [String]?
    var occupancy: String?
    var action: RuleActionDTO
    var priority: Int?
    var enabled: Bool?
}

struct StayDTO: Codable, Sendable {
    var id: Int64
    var room: String
    var guest: String
    var arrival: String
    var departure: String
    var group: String?
}

struct OutboxDTO: Codable, Sendable {
    var id: Int64
    var room: String
    var phone: String
    var kind: String
    var reason: String
    var groupID: Int64?
    var state: String
    var attempts: Int
    var lastError: String?
}

// Requests

/// When and how a wake-up rings: the body of `POST /api/rooms/{room}/wakeups`, and the same fields
/// inside `POST /api/groups`.
struct WakeUpRequest: Decodable, Sendable {
    var time: String
    var date: String?
    var days: Int?
    var weekdays: [Int]?
    var until: String?
    var frequency: Int?
    var attempts: Int?
    var prompt: String?

    var options: WakeUpOptions { WakeUpOptions(frequency: frequency, attempts: attempts, prompt: prompt) }

    /// The days it rings (see docs/API.md), checked.
    func recurrence(_ text: WallClockText, now: Date) throws -> Recurrence {
        let start = try text.time(time, field: "time")
        return try text.recurrence(time: start, date: date, days: days, weekdays: weekdays, until: until, now: now)
    }
}

/// The body of `POST /api/groups`: who, plus the wake-up fields at the same level.
struct GroupRequest: Decodable, Sendable {
    var name: String
    var rooms: [String]?
    var floors: [Int]?
    var group: String?
    var acceptLate: Bool?
    var wakeUp: WakeUpRequest

    private enum CodingKeys: String, CodingKey {
        case name, rooms, floors, group, acceptLate
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        rooms = try container.decodeIfPresent([String].self, forKey: .rooms)
        floors = try container.decodeIfPresent([Int].self, forKey: .floors)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        acceptLate = try container.decodeIfPresent(Bool.self, forKey: .acceptLate)
        wakeUp = try WakeUpRequest(from: decoder)
    }
}

struct DNDRequest: Decodable, Sendable {
    var until: String
    var from: String?
}

struct OK: Codable, Sendable {
    var ok = true
}

struct Retried: Codable, Sendable {
    var retried: Int
}

/// How old the PMS's occupancy export is, and when that is too old.
public struct ExportFreshness: Sendable {
    public var staleAfter: TimeInterval
    /// Seconds since the export was last written, `nil` when there is no file.
    public var age: @Sendable () -> Double?

    public init(staleAfter: TimeInterval, age: @escaping @Sendable () -> Double?) {
        self.staleAfter = staleAfter
        self.age = age
    }

    /// The export at `path`: its age is the time since the file was last written.
    public init(path: String, staleAfter: TimeInterval) {
        self.init(staleAfter: staleAfter) { Self.age(of: path) }
    }

    /// Missing, or older than ``staleAfter``.
    public func isStale() -> Bool { age().map { $0 > staleAfter } ?? true }

    /// Seconds since the file was last written, `nil` if it is not there.
    static func age(of path: String) -> Double? {
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        return max(0, Date().timeIntervalSince(modified))
    }
}
