/// A housekeeping rule as its fields arrive (the API's JSON, the CLI's options): the one place
/// that turns them into a ``DNDRule``. Fields of another action type are refused, never silently
/// ignored; the result still goes through ``InputBounds/check(_:)-(DNDRule)`` when saved.
public struct DNDRuleFields: Hashable, Sendable {
    public var name: String
    public var floors: [Int]?
    public var tags: [String]?
    public var occupancy: String?
    public var actionType: String
    public var from: String?
    public var to: String?
    public var hours: Int?
    public var priority: Int?
    public var enabled: Bool?

    public init(
        name: String, floors: [Int]? = nil, tags: [String]? = nil, occupancy: String? = nil, actionType: String, from: String? = nil,
        to: String? = nil, hours: Int? = nil, priority: Int? = nil, enabled: Bool? = nil
    ) {
        self.name = name
        self.floors = floors
        self.tags = tags
        self.occupancy = occupancy
        self.actionType = actionType
        self.from = from
        self.to = to
        self.hours = hours
        self.priority = priority
        self.enabled = enabled
    }

    /// The action types and the fields each takes.
    static let actionFields: [String: Set<String>] = [
        "whileVacant": [], "quietHours": ["action.from", "action.to"], "afterCheckIn": ["action.hours"],
    ]

    /// The rule with id `id` (0 for a new one).
    public func rule(id: Int64) throws(InputError) -> DNDRule {
        let types = ["whileVacant", "quietHours", "afterCheckIn"]
        guard let belongs = Self.actionFields[actionType] else {
            throw InputError(
                field: "action.type", code: .notOneOf,
                params: ["value": String(actionType.prefix(20)), "allowed": types.joined(separator: ", ")],
                rule: "must be whileVacant, quietHours or afterCheckIn")
        }
        let given = [("action.from", from != nil), ("action.to", to != nil), ("action.hours", hours != nil)]
        if let stray = given.first(where: { $0.1 && !belongs.contains($0.0) }) {
            throw InputError(
                field: stray.0, code: .doesNotBelong, params: ["type": actionType],
                rule: "does not belong to action type \(actionType)")
        }
        let action: DNDRuleAction
        switch actionType {
        case "quietHours":
            action = .quietHours(from: try InputBounds.time(from ?? "", field: "action.from"), to: try InputBounds.time(to ?? "", field: "action.to"))
        case "afterCheckIn":
            guard let hours else { throw InputError(field: "action.hours", code: .required, rule: "is required") }
            action = .afterCheckIn(hours: hours)
        default:
            action = .whileVacant
        }
        var parsedOccupancy: RoomSelector.Occupancy?
        if let occupancy {
            guard let parsed = RoomSelector.Occupancy(rawValue: occupancy) else {
                throw InputError(
                    field: "occupancy", code: .notOneOf,
                    params: ["value": String(occupancy.prefix(20)), "allowed": "vacant, occupied, outOfOrder"],
                    rule: "must be vacant, occupied or outOfOrder")
            }
            parsedOccupancy = parsed
        }
        return DNDRule(
            id: id, name: name, selector: RoomSelector(floors: floors.map(Set.init), tags: tags.map(Set.init), occupancy: parsedOccupancy),
            action: action, priority: priority ?? 100, enabled: enabled ?? true)
    }
}
