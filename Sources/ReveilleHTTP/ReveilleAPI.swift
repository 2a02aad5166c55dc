import Foundation
import Hummingbird
import PBXProtocol
import ReveilleAPIContract
import ReveilleCore
import ReveilleIngest
import ReveilleServices
import ReveilleStore

/// The JSON API of docs/API.md, the reception page and `/metrics`, on a Hummingbird router.
public struct ReveilleAPI: Sendable {
    public var store: Store
    public var desk: FrontDesk
    public var importer: OccupancyImporter?
    public var settings: HotelSettings
    /// The accounts in force (re-read on SIGHUP by the application).
    public let tokens: TokenBook
    /// The PBX link's state now.
    public var linkState: @Sendable () -> LinkState
    /// The PBX driver's name (`pbx.driver`), shown with the link.
    public var pbxDriver = "tcp"
    /// What the driver cannot send, one sentence each (the console interface, §6), shown with the link.
    public var unsupported: (@Sendable () -> [String])?
    /// Settings the driver never sends (`PushConfiguration.unsentKinds`): a room is in sync without them.
    public var unsentKinds: Set<PlannedCommand.Kind> = []
    /// Full resynchronisation (§8).
    public var resync: @Sendable () -> Void
    /// The built-in simulator's extensions, when it runs (`pbx.simulator: true`).
    public var simulatorExtensions: (@Sendable () -> [String: AcknowledgedExtension])?
    /// The Prometheus text of `/metrics`.
    public var metrics: (@Sendable () -> String)?
    public var now: @Sendable () -> Date
    /// How old the PMS's export is, when one is configured.
    public var export: ExportFreshness?

    public init(
        store: Store, desk: FrontDesk, importer: OccupancyImporter?, settings: HotelSettings, tokens: [APIToken],
        linkState: @escaping @Sendable () -> LinkState, resync: @escaping @Sendable () -> Void,
        simulatorExtensions: (@Sendable () -> [String: AcknowledgedExtension])? = nil,
        metrics: (@Sendable () -> String)? = nil, now: @escaping @Sendable () -> Date, export: ExportFreshness? = nil
    ) {
        self.export = export
        self.store = store
        self.desk = desk
        self.importer = importer
        self.settings = settings
        self.tokens = TokenBook(tokens)
        self.linkState = linkState
        self.resync = resync
        self.simulatorExtensions = simulatorExtensions
        self.metrics = metrics
        self.now = now
    }


    /// The router with every route and middleware.
    public func router() -> Router<ReveilleRequestContext> {
        let router = Router(context: ReveilleRequestContext.self)
        router.middlewares.add(JSONErrors<ReveilleRequestContext>())
        router.middlewares.add(BearerAuthentication(tokens: tokens))
        let text = WallClockText(calendar: HotelCalendar(timeZone: settings.timeZone))
        let page = ReceptionPage()

        router.get("/") { _, _ in page.response("index.html") }
        // app.js, style.css and the page's ES modules (i18n.js, rooms.js, night.js …).
        for name in page.names where name != "index.html" {
            router.get(RouterPath("/" + name)) { _, _ in page.response(name) }
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics?() ?? "")))
        }

        let api = router.group("api")
        api.get("status") { _, _ in try json(status(text)) }
        api.get("link") { _, _ in try json(link()) }
        api.get("rooms") { _, _ in try json(rooms(text)) }
        api.get("rooms/{room}") { _, context in
            let room = try context.parameters.require("room")
            guard let found = try rooms(text, only: room).first else { throw APIError.notFound("no room \(room)") }
            return try json(found)
        }
        api.get("rooms/{room}/wakeups") { _, context in
            let room = try context.parameters.require("room")
            let snapshot = try store.snapshot(at: now())
            guard snapshot.rooms[room] != nil else { throw APIError.notFound("no room \(room)") }
            return try json(snapshot.policies(for: room).sorted { $0.id < $1.id }.map(API.WakeUp.init))
        }
        api.post("rooms/{room}/wakeups") { request, context in
            try context.require(.reception, to: "book wake-ups")
            let room = try context.parameters.require("room")
            let body = try await decodeBody(request, context, as: API.WakeUpRequest.self)
            let booking = try desk.bookWakeUp(
                room: room, time: body.time, recurrence: try body.recurrence(text, now: now()), options: body.options,
                actor: context.actor)
            var reply = API.WakeUpBooking(booking, text)
            reply.dndEndsAtWakeUp = settings.dndEndsAtWakeUp
            return try json(reply, status: .created)
        }
        api.delete("wakeups/{id}") { _, context in
            try context.require(.reception, to: "cancel wake-ups")
            try desk.cancelWakeUp(try id(context), actor: context.actor)
            return Response(status: .noContent)
        }
        api.get("wakeups/outcomes") { request, _ in
            let limit = try Self.limit(request)
            return try json(store.wakeUpAttempts(limit: limit).map { API.Attempt($0, text) })
        }
        api.get("groups") { _, _ in try json(groups(text)) }
        api.post("groups") { request, context in
            try context.require(.reception, to: "book group wake-ups")
            let body = try await decodeBody(request, context, as: API.GroupRequest.self)
            let members = try members(of: body)
            let booking = try desk.bookGroup(
                name: body.name, members: members, time: body.wakeUp.time, recurrence: try body.wakeUp.recurrence(text, now: now()),
                options: body.wakeUp.options, acceptLate: body.acceptLate ?? false, actor: context.actor)
            let assessment = booking.assessment
            let inside = try desk.dndConflicts(in: Set(assessment.rooms), from: .group(booking.group.id))
            return try json(
                API.GroupBooking(
                    group: try group(booking.group, text, expectedFinish: assessment.expectedFinish),
                    assessment: API.Assessment(assessment, text), insideDND: inside.map { API.DNDConflict($0, text) },
                    dndEndsAtWakeUp: settings.dndEndsAtWakeUp),
                status: .created)
        }
        api.delete("groups/{id}") { _, context in
            try context.require(.reception, to: "cancel group wake-ups")
            try desk.cancelGroup(try id(context), actor: context.actor)
            return Response(status: .noContent)
        }
        api.get("dnd") { _, _ in
            try json(store.snapshot(at: now()).dndWindows.values.sorted { $0.id < $1.id }.map { API.DNDWindow($0, text) })
        }
        api.post("rooms/{room}/dnd") { request, context in
            try context.require(.reception, .housekeeping, to: "set DND")
            let room = try context.parameters.require("room")
            let body = try await decodeBody(request, context, as: API.DNDRequest.self)
            let now = now()
            let from = try body.from.map { try text.instant($0, field: "from", now: now) }
            let until = try text.instant(body.until, field: "until", now: from ?? now)
            let window = try desk.setDND(room: room, from: from, until: until, actor: context.actor)
            var reply = API.DNDWindow(window, text)
            reply.insideDND = try desk.dndConflicts(in: [room]).map { API.DNDConflict($0, text) }
            reply.dndEndsAtWakeUp = settings.dndEndsAtWakeUp
            return try json(reply, status: .created)
        }
        api.delete("dnd/{id}") { _, context in
            try context.require(.reception, .housekeeping, to: "cancel DND")
            try desk.cancelDND(try id(context), actor: context.actor)
            return Response(status: .noContent)
        }
        api.get("rules") { _, _ in try json(store.snapshot(at: now()).rules.map(API.Rule.init)) }
        api.post("rules") { request, context in
            try context.require(.housekeeping, to: "change DND rules")
            let body = try await decodeBody(request, context, as: API.Rule.self)
            return try json(try ruleReply(try desk.saveRule(try rule(body, id: 0), actor: context.actor), text), status: .created)
        }
        api.put("rules/{id}") { request, context in
            try context.require(.housekeeping, to: "change DND rules")
            let id = try id(context)
            guard try store.snapshot(at: now()).rules.contains(where: { $0.id == id }) else { throw APIError.notFound("no rule \(id)") }
            let body = try await decodeBody(request, context, as: API.Rule.self)
            return try json(try ruleReply(try desk.saveRule(try rule(body, id: id), actor: context.actor), text))
        }
        api.delete("rules/{id}") { _, context in
            try context.require(.housekeeping, to: "change DND rules")
            guard try store.delete(DNDRule.self, id: try id(context), actor: context.actor, at: now()) != nil else {
                throw APIError.notFound("no rule")
            }
            desk.changed(nil)
            return Response(status: .noContent)
        }
        api.get("stays") { _, _ in
            // In house until the PMS checks the guest out: a late check-out is still listed.
            try json(store.snapshot(at: now()).stays.values.filter { $0.status == .inHouse }.sorted { $0.room < $1.room }.map { API.Stay($0, text) })
        }
        api.put("stays/{id}/personal-call") { request, context in
            try context.require(.reception, to: "mark personal calls")
            let body = try await decodeBody(request, context, as: API.PersonalCallRequest.self)
            let stay = try desk.setPersonalCall(stay: try id(context), to: body.personalCall, actor: context.actor)
            return try json(API.Stay(stay, text))
        }
        api.get("outbox") { request, _ in
            let states = request.uri.queryParameters.get("state").map { [$0] } ?? ["pending", "inFlight", "failed"]
            let parsed = try states.map { state -> OutboxEntry.State in
                guard let parsed = OutboxEntry.State(rawValue: state) else { throw APIError.invalid("state", "unknown state \(state)") }
                return parsed
            }
            return try json(store.outbox(states: parsed).map(API.OutboxRow.init))
        }
        api.get("audit") { request, context in
            try context.require(to: "read the audit log")
            return try audit(request, text)
        }
        addOutcomeRoutes(to: api, text)
        api.post("resync") { _, context in
            try context.require(to: "resynchronise the PBX")
            resync()
            return try json(API.Accepted(), status: .accepted)
        }
        api.post("outbox/retry") { _, context in
            try context.require(to: "retry failed pushes")
            let count = try store.retryFailed(actor: context.actor, at: now())
            desk.changed(nil)
            return try json(API.Retried(retried: count))
        }
        api.post("imports/approve") { _, context in
            try context.require(to: "approve a held import")
            guard let report = try importer?.approveHeld(actor: context.actor) else { throw APIError.notFound("no import is held") }
            return try json(API.ImportReport(report))
        }
        api.get("simulator/extensions") { _, context in
            try context.require(to: "read the simulator")
            guard let simulatorExtensions else { throw APIError.notFound("the built-in simulator is not running") }
            return try json(simulatorExtensions().mapValues { API.Acknowledged($0, text) } as API.SimulatorExtensions)
        }
        return router
    }

    // MARK: - Views

    private func link() -> API.Link { API.Link(linkState(), driver: pbxDriver, unsupported: unsupported?() ?? []) }

    private func status(_ text: WallClockText) throws -> API.Status {
        let time = now()
        let desired = Planner(settings: settings).desired(try store.snapshot(at: time), now: time)
        let unconfirmed = Reconciler.unconfirmedSoon(desired: desired, acknowledged: try store.acknowledged(), now: time)
        return API.Status(
            link: link(),
            outbox: .init(pending: try store.pendingCount(), failed: try store.count(.failed)),
            import: .init(
                last: importer?.lastReport.map(API.ImportReport.init), held: importer?.heldReport.map(API.ImportReport.init),
                exportAgeSeconds: export?.age().map { Int($0) }, exportStale: export.map { $0.isStale() }),
            hotel: .init(timeZone: settings.timeZone.identifier, now: text.text(time)),
            simulator: simulatorExtensions != nil,
            unconfirmedSoon: unconfirmed.count,
            quarantined: store.quarantined.map(API.QuarantinedRow.init))
    }

    private func rooms(_ text: WallClockText, only: String? = nil) throws -> [API.Room] {
        let now = now()
        let snapshot = try store.snapshot(at: now)
        let acknowledged = try store.acknowledged()
        let lastAttempts = try store.lastWakeUpAttempts()
        let planner = Planner(settings: settings)
        let numbers = only.map { [$0] } ?? snapshot.rooms.keys.sorted()
        return numbers.compactMap { number -> API.Room? in
            guard let room = snapshot.rooms[number], let desired = planner.desired(room: number, in: snapshot, now: now) else { return nil }
            // The guest the PBX shows by name: also a late check-out not yet checked out by the PMS.
            let stay = snapshot.occupant(of: number, at: now)
            let ack = acknowledged[room.phone] ?? AcknowledgedExtension()
            let alarmClock = (try? AlarmClock.compile(desired.alarmEntries)) ?? ""
            let inSync = ack.alarmClock == alarmClock && ack.callClass == desired.callClass
                && (unsentKinds.contains(.dnd) || ack.dnd == desired.dnd) && (unsentKinds.contains(.name) || ack.name == desired.name)
            return API.Room(
                number: room.number, phone: room.phone, floor: room.floor, wing: room.wing, tags: room.tags.sorted(),
                outOfOrder: room.outOfOrder,
                guest: stay.map { API.Room.Guest($0, text, settings) },
                desired: API.Room.Desired(
                    alarmClock: alarmClock,
                    // Reception-only calls are listed too, in time order; they are not on the AlarmClock list.
                    wakeUps: (desired.wakeUps + desired.receptionCalls).sorted { $0.at < $1.at }.map { wakeUp in
                        let policy: Int64? = if case .room(let id) = wakeUp.source { id } else { nil }
                        return API.Room.PlannedWakeUp(
                            time: wakeUp.entry.start.description, at: text.text(wakeUp.at), source: policy == nil ? "group" : "room",
                            policyID: policy, groupID: wakeUp.source.groupID, prompt: wakeUp.entry.prompt, personal: wakeUp.personal,
                            receptionOnly: wakeUp.receptionOnly)
                    },
                    dnd: API.DNDState(desired.dnd, text), name: desired.name, callClass: desired.callClass.rawValue),
                acknowledged: API.Acknowledged(ack, text), inSync: inSync,
                lastWakeUp: lastAttempts[room.phone].map { API.Attempt($0, text) }
            ).with(guests: snapshot.occupants(of: number, at: now).map { API.Room.Guest($0, text, settings) })
        }
    }

    private func groups(_ text: WallClockText) throws -> [API.Group] {
        try store.snapshot(at: now()).groups.values.sorted { $0.id < $1.id }.map { try group($0, text, expectedFinish: nil) }
    }

    private func group(_ group: GroupWakeUp, _ text: WallClockText, expectedFinish: Date?) throws -> API.Group {
        let progress = try store.progress(ofGroup: group.id)
        // While pushes wait: the rest at the mean spacing from now.
        let finish = expectedFinish ?? (progress.waiting > 0
            ? now().addingTimeInterval(Double(max(progress.waiting - 1, 0)) * desk.pacing.groupSpacing.seconds) : nil)
        return API.Group(
            id: group.id, name: group.name, members: API.Group.Members(group.members), time: group.time.description,
            recurrence: API.Recurrence(group.recurrence), frequency: group.options.frequency, attempts: group.options.attempts,
            prompt: group.options.prompt, personal: group.options.personal, receptionOnly: group.options.receptionOnly,
            progress: API.Progress(progress), expectedFinish: finish.map(text.text))
    }

    /// A saved rule with the rings it leaves inside a DND window (issue 10 §4).
    private func ruleReply(_ saved: DNDRule, _ text: WallClockText) throws -> API.Rule {
        var reply = API.Rule(saved)
        reply.insideDND = try desk.dndConflicts(in: nil).map { API.DNDConflict($0, text) }
        reply.dndEndsAtWakeUp = settings.dndEndsAtWakeUp
        return reply
    }

    private func members(of body: API.GroupRequest) throws -> GroupMembers {
        let snapshot = try store.snapshot(at: now())
        var rooms: [String] = []
        for item in body.rooms ?? [] {
            let parts = item.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high, high - low <= 10_000 {
                let found = (low...high).map(String.init).filter { snapshot.rooms[$0] != nil }
                guard !found.isEmpty else { throw APIError.invalid("rooms", "no room of this hotel in \(item)") }
                rooms += found
            } else {
                rooms.append(item.trimmingCharacters(in: .whitespaces))
            }
        }
        for floor in body.floors ?? [] {
            let found = snapshot.rooms.values.filter { $0.floor == floor }.map(\.number).sorted()
            guard !found.isEmpty else { throw APIError.invalid("floors", "no room on floor \(floor)") }
            rooms += found
        }
        if let code = body.group, !code.isEmpty {
            guard rooms.isEmpty else { throw APIError.invalid("group", "give either a booking group or rooms/floors, not both") }
            return .bookingGroup(code)
        }
        guard !rooms.isEmpty else { throw APIError.invalid("rooms", "give rooms, floors or a booking group") }
        var seen = Set<String>()
        return .rooms(rooms.filter { seen.insert($0).inserted })
    }

    private func rule(_ body: API.Rule, id: Int64) throws -> DNDRule {
        let text = WallClockText(calendar: HotelCalendar(timeZone: settings.timeZone))
        let action: DNDRuleAction
        // Fields of another action type are refused, never silently ignored.
        let given = [("action.from", body.action.from != nil), ("action.to", body.action.to != nil), ("action.hours", body.action.hours != nil)]
        let belongs: Set<String> = switch body.action.type {
        case "quietHours": ["action.from", "action.to"]
        case "afterCheckIn": ["action.hours"]
        default: []
        }
        if let stray = given.first(where: { $0.1 && !belongs.contains($0.0) }) {
            throw APIError.invalid(stray.0, "does not belong to action type \(body.action.type.prefix(20))")
        }
        switch body.action.type {
        case "whileVacant":
            action = .whileVacant
        case "quietHours":
            action = .quietHours(
                from: try text.time(body.action.from ?? "", field: "action.from"), to: try text.time(body.action.to ?? "", field: "action.to"))
        case "afterCheckIn":
            guard let hours = body.action.hours else { throw APIError.invalid("action.hours", "is required") }
            action = .afterCheckIn(hours: hours)
        default:
            throw APIError.invalid("action.type", "must be whileVacant, quietHours or afterCheckIn")
        }
        let occupancy = try body.occupancy.map { value -> RoomSelector.Occupancy in
            guard let parsed = RoomSelector.Occupancy(rawValue: value) else {
                throw APIError.invalid("occupancy", "must be vacant, occupied or outOfOrder")
            }
            return parsed
        }
        return DNDRule(
            id: id, name: body.name, selector: RoomSelector(floors: body.floors.map(Set.init), tags: body.tags.map(Set.init), occupancy: occupancy),
            action: action, priority: body.priority ?? 100, enabled: body.enabled ?? true)
    }

    /// `?limit=` 1…1000, default 100.
    static func limit(_ request: Request) throws -> Int {
        guard let raw = request.uri.queryParameters.get("limit") else { return 100 }
        guard let limit = Int(raw), (1...1000).contains(limit) else {
            throw APIError.invalid("limit", "\"\(raw.prefix(20))\" is not a whole number from 1 to 1000")
        }
        return limit
    }

    private func id(_ context: ReveilleRequestContext) throws -> Int64 {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw) else { throw APIError.invalid("id", "\"\(raw)\" is not a number") }
        return id
    }
}

/// Reads a JSON body: a body over the context's limit is a 413, a decoding error a 400 naming the
/// field (Hummingbird's own `decode` would hide which field).
func decodeBody<T: Decodable>(_ request: Request, _ context: ReveilleRequestContext, as type: T.Type) async throws -> T {
    var request = request
    let buffer: ByteBuffer
    do {
        buffer = try await request.collectBody(upTo: context.maxUploadSize)
    } catch {
        throw APIError(status: .contentTooLarge, rule: "request body larger than \(context.maxUploadSize) bytes")
    }
    do {
        return try API.decoder().decode(T.self, from: buffer)
    } catch let error as DecodingError {
        throw JSONErrors<ReveilleRequestContext>.describe(error)
    }
}

/// A JSON response, encoded as the contract says (``API/encoder()``), UTF-8.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = API.encoder()
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
}
