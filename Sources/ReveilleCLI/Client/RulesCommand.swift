import ArgumentParser
import Foundation
import ReveilleAPIContract
import ReveilleCore

/// `reveille rules list|add|remove`: housekeeping's DND rules.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, add and remove housekeeping's Do-Not-Disturb rules.",
        discussion: """
            A rule silences the phones of the rooms it selects (floors, tags, occupancy): during quiet hours, \
            while a room is vacant, or for some hours after check-in. Adding and removing need a housekeeping \
            or admin token.

            Examples:
              reveille rules list
              reveille rules add "Quiet 12th floor" --quiet-hours 22:00-07:00 --floor 12
              reveille rules add "Vacant rooms" --while-vacant
              reveille rules add "Arrivals rest" --after-check-in 2 --occupancy occupied
              reveille rules remove 3
            """,
        subcommands: [List.self, Add.self, Remove.self]
    )

    /// `reveille rules list`
    struct List: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the DND rules.",
            discussion: """
                Examples:
                  reveille rules list
                  reveille rules list --json
                """)
        static let commandPath = "reveille rules list"

        @OptionGroup var client: ClientOptions

        static let request = APIRequest.get(APIPath.api("rules"))

        func execute(_ api: APIClient, output: Output) async throws {
            let reply = try await api.send(Self.request)
            if client.json { return output.block(reply.text) }
            output.block(RulesFormatter.list(try api.decode([API.Rule].self, from: reply, of: Self.request)))
        }
    }

    /// `reveille rules add NAME --quiet-hours 22:00-07:00 --floor 12`
    struct Add: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a DND rule (exactly one of --quiet-hours, --while-vacant, --after-check-in).",
            discussion: """
                Checked here with the service's own rules (DNDRuleFields) before anything is sent.

                Examples:
                  reveille rules add "Quiet 12th floor" --quiet-hours 22:00-07:00 --floor 12 --floor 14
                  reveille rules add "Vacant suites" --while-vacant --tag suite
                  reveille rules add "Arrivals rest" --after-check-in 2 --disabled
                """)
        static let commandPath = "reveille rules add"

        @Argument(help: "The rule's name, e.g. \"Quiet 12th floor\".")
        var name: String

        @Option(name: .long, help: ArgumentHelp("DND every night between two times, e.g. 22:00-07:00.", valueName: "from-to"))
        var quietHours: String?

        @Flag(name: .long, help: "DND while the room has no guest.")
        var whileVacant = false

        @Option(name: .long, help: ArgumentHelp("DND for the first hours after check-in.", valueName: "hours"))
        var afterCheckIn: Int?

        @Option(name: .long, help: ArgumentHelp("Only rooms on this floor (repeat for more).", valueName: "floor"))
        var floor: [Int] = []

        @Option(name: .long, help: ArgumentHelp("Only rooms with this tag (repeat for more).", valueName: "tag"))
        var tag: [String] = []

        @Option(name: .long, help: ArgumentHelp("Only rooms that are vacant, occupied or outOfOrder.", valueName: "occupancy"))
        var occupancy: String?

        @Option(name: .long, help: ArgumentHelp("Priority (default 100).", valueName: "n"))
        var priority: Int?

        @Flag(name: .long, help: "Save the rule switched off.")
        var disabled = false

        @OptionGroup var client: ClientOptions

        /// The rule's fields, refused here as the service would refuse them.
        func fields() throws -> DNDRuleFields {
            let chosen = [quietHours != nil, whileVacant, afterCheckIn != nil].filter { $0 }.count
            guard chosen == 1 else { throw ValidationError("choose exactly one of --quiet-hours, --while-vacant, --after-check-in") }
            var fields = DNDRuleFields(
                name: name, floors: floor.isEmpty ? nil : floor, tags: tag.isEmpty ? nil : tag, occupancy: occupancy,
                actionType: "whileVacant", priority: priority, enabled: disabled ? false : nil)
            if let quietHours {
                let parts = quietHours.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { throw ValidationError("--quiet-hours takes from-to, e.g. 22:00-07:00") }
                fields.actionType = "quietHours"
                fields.from = parts[0]
                fields.to = parts[1]
            } else if let afterCheckIn {
                fields.actionType = "afterCheckIn"
                fields.hours = afterCheckIn
            }
            if let problem = Self.problem(fields) { throw ValidationError("\(Self.option(problem.field)): \(problem.rule)") }
            return fields
        }

        /// What the service would refuse in `fields` (``DNDRuleFields``, then ``InputBounds``), or nil.
        static func problem(_ fields: DNDRuleFields) -> InputError? {
            do {
                try InputBounds.check(try fields.rule(id: 0))
                return nil
            } catch {
                return error as? InputError ?? InputError(field: "rule", code: .invalid, rule: "\(error)")
            }
        }

        /// The command-line option that sets an API field.
        static func option(_ field: String) -> String {
            switch field {
            case "action.from", "action.to": "--quiet-hours"
            case "action.hours": "--after-check-in"
            case "floors": "--floor"
            case "tags": "--tag"
            case "occupancy": "--occupancy"
            case "priority": "--priority"
            default: field
            }
        }

        func request() throws -> APIRequest {
            let fields = try fields()
            let body = API.Rule(
                name: fields.name, floors: fields.floors, tags: fields.tags, occupancy: fields.occupancy,
                action: .init(type: fields.actionType, from: fields.from, to: fields.to, hours: fields.hours), priority: fields.priority,
                enabled: fields.enabled)
            return .post(APIPath.api("rules"), json: body)
        }

        func execute(_ api: APIClient, output: Output) async throws {
            let request = try request()
            let reply = try await api.send(request)
            if client.json { return output.block(reply.text) }
            let rule = try api.decode(API.Rule.self, from: reply, of: request)
            output.line("Rule \(rule.id.map(String.init) ?? "?") saved: \(RulesFormatter.row(rule).dropFirst().joined(separator: " · ")).")
            if let warning = ClientText.insideDND(ClientText.conflicts(rule.insideDND ?? []), endsAtWakeUp: rule.dndEndsAtWakeUp ?? true) {
                output.line(warning)
            }
        }
    }

    /// `reveille rules remove 3`
    struct Remove: ClientCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Delete a DND rule.",
            discussion: """
                Examples:
                  reveille rules remove 3
                """)
        static let commandPath = "reveille rules remove"

        @Argument(help: "The rule's id (see `reveille rules list`).")
        var id: Int64

        @OptionGroup var client: ClientOptions

        func request() -> APIRequest { .delete(APIPath.api("rules", String(id))) }

        func execute(_ api: APIClient, output: Output) async throws {
            _ = try await api.send(request())
            if !client.json { output.line("Removed rule \(id).") }
        }
    }
}

/// The text of `reveille rules list`.
enum RulesFormatter {
    static func list(_ rules: [API.Rule]) -> String {
        guard !rules.isEmpty else { return "No DND rules." }
        return TextTable.render(header: ["ID", "NAME", "DOES", "ROOMS", "ON"], rows: rules.map(row), alignments: [.right])
    }

    static func row(_ rule: API.Rule) -> [String] {
        let does = switch rule.action.type {
        case "quietHours": "quiet \(rule.action.from ?? "?")–\(rule.action.to ?? "?")"
        case "afterCheckIn": "\(rule.action.hours ?? 0) h after check-in"
        case "whileVacant": "while vacant"
        default: rule.action.type
        }
        var rooms: [String] = []
        if let floors = rule.floors, !floors.isEmpty { rooms.append("floors " + floors.map(String.init).joined(separator: ",")) }
        if let tags = rule.tags, !tags.isEmpty { rooms.append("tags " + tags.joined(separator: ",")) }
        if let occupancy = rule.occupancy { rooms.append(occupancy) }
        return ["\(rule.id.map(String.init) ?? "")", rule.name, does, rooms.isEmpty ? "all" : rooms.joined(separator: " "), rule.enabled == false ? "off" : "on"]
    }
}
