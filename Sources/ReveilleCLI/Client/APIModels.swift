import Foundation

/// What the client reads from the API (docs/API.md), decoded leniently: only what the commands
/// show is required, everything else optional (the service leaves out null fields).
enum API {
    struct Link: Decodable, Sendable, Equatable {
        var state: String
        var up: Bool?
        var detail: String?
    }

    struct ImportReport: Decodable, Sendable, Equatable {
        var file: String
        var outcome: String
        var checkIns: Int?
        var checkOuts: Int?
        var moves: Int?
        var updates: Int?
        var problems: [JSONValue]?
        var reason: String?
    }

    struct Status: Decodable, Sendable, Equatable {
        struct Outbox: Decodable, Sendable, Equatable {
            var pending: Int
            var failed: Int
        }

        struct Import: Decodable, Sendable, Equatable {
            var last: ImportReport?
            var held: ImportReport?
        }

        struct Hotel: Decodable, Sendable, Equatable {
            var timeZone: String?
            var now: String?
        }

        var link: Link
        var outbox: Outbox
        var `import`: Import?
        var hotel: Hotel?
        var simulator: Bool?
    }

    struct Guest: Decodable, Sendable, Equatable {
        var stayID: Int64?
        var name: String
        var arrival: String?
        var departure: String?
        var group: String?
    }

    struct DNDSetting: Decodable, Sendable, Equatable {
        var use: Bool
        var start: String?
        var end: String?
    }

    struct PlannedWakeUp: Decodable, Sendable, Equatable {
        var time: String
        var at: String?
        var source: String?
        var policyID: Int64?
        var groupID: Int64?
    }

    struct Desired: Decodable, Sendable, Equatable {
        var alarmClock: String?
        var wakeUps: [PlannedWakeUp]?
        var dnd: DNDSetting?
        var name: String?
        var callClass: Int?
    }

    struct Acknowledged: Decodable, Sendable, Equatable {
        var alarmClock: String?
        var dnd: DNDSetting?
        var name: String?
        var callClass: Int?
        var confirmedAt: String?
    }

    struct Room: Decodable, Sendable, Equatable {
        var number: String
        var phone: String?
        var floor: Int?
        var wing: String?
        var tags: [String]?
        var outOfOrder: Bool?
        var guest: Guest?
        var desired: Desired?
        var acknowledged: Acknowledged?
        var inSync: Bool?

        /// `GET /api/rooms` answers an array; `GET /api/rooms/{room}` one room (or, as the example
        /// in docs/API.md shows, an array of it). Either decodes to a list.
        static func list(from data: Data) throws -> [Room] {
            if let rooms = try? JSONDecoder().decode([Room].self, from: data) { return rooms }
            return [try JSONDecoder().decode(Room.self, from: data)]
        }
    }

    struct Recurrence: Decodable, Sendable, Equatable {
        var type: String?
        var date: String?
        var from: String?
        var days: Int?
        var weekdays: [Int]?
        var until: String?
    }

    struct WakeUp: Decodable, Sendable, Equatable {
        var id: Int64
        var room: String?
        var time: String
        var recurrence: Recurrence?
        var frequency: Int?
        var attempts: Int?
        var prompt: String?
    }

    struct WakeUpBooking: Decodable, Sendable, Equatable {
        var wakeUp: WakeUp
        var firstWakeUp: String?
        var insideDND: [String]?
    }

    struct Progress: Decodable, Sendable, Equatable {
        var total: Int
        var pushed: Int
        var failed: Int
        var waiting: Int
    }

    struct Members: Decodable, Sendable, Equatable {
        var rooms: [String]?
        var group: String?
    }

    struct Group: Decodable, Sendable, Equatable {
        var id: Int64
        var name: String
        var members: Members?
        var time: String
        var recurrence: Recurrence?
        var progress: Progress?
        var expectedFinish: String?
    }

    struct Assessment: Decodable, Sendable, Equatable {
        var rooms: [String]
        var expectedFinish: String?
        var latestFinish: String?
        var firstWakeUp: String?
        var lateRooms: [String]?
    }

    struct GroupBooking: Decodable, Sendable, Equatable {
        var group: Group
        var assessment: Assessment
    }

    struct DNDWindow: Decodable, Sendable, Equatable {
        var id: Int64
        var room: String
        var stayID: Int64?
        var start: String
        var end: String
    }
}

/// Any JSON value: for fields the client only counts or passes through.
enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
