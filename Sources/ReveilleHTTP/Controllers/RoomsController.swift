import Foundation
import Hummingbird
import PBXProtocol
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// The rooms as reception sees them: guest, planned wake-ups, DND, what the PBX confirmed, and
/// whether the two agree.
struct RoomsController {
    let hotel: HotelAccess
    /// Settings the driver never sends (`PushConfiguration.unsentKinds`): a room is in sync without them.
    let unsentKinds: Set<PlannedCommand.Kind>

    func addRoutes(to api: RouterGroup<ReveilleRequestContext>) {
        api.get("rooms", use: list)
        api.get("rooms/{room}", use: show)
        api.get("room-changes", use: changes)
    }

    /// The last `/api/rooms` reply, named by the store's change count and the minute (the plan
    /// moves on as wake-ups pass): an unchanged poll is a 304.
    let cache = PollCache()

    /// The last `?floor=` reply: a floor costs its rooms; its polls are 304 as the whole list's are.
    let floorCache = PollCache()

    /// Each room's view and JSON as last sent (the whole list and the floors share it).
    let views = RoomViewCache()

    @Sendable func list(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let minute = Int(hotel.now().timeIntervalSince1970 / 60)
        if let floor = try request.floor() {
            return try floorCache.reply(to: request, tag: "rooms-floor\(floor)-\(hotel.store.changeCount)-\(minute)") {
                try views.encode(try rooms(only: Set(try hotel.store.roomNumbers(onFloor: floor))))
            }
        }
        let tag = wholeTag(minute: minute)
        return try cache.reply(to: request, tag: tag) { try views.encodeAll(tag: tag) { try rooms(only: nil) } }
    }

    /// The whole list's tag: the store's change count and the minute.
    private func wholeTag(minute: Int) -> String {
        "rooms-\(hotel.store.changeCount)-\(minute)"
    }

    /// `GET /api/room-changes?since=<tag>`: the rooms whose view changed since the whole list (or
    /// the changes reply) tagged `since`; every room, `complete`, when the tag is unknown, too old
    /// or absent. The current whole list is built first (once per change, as for `/api/rooms`).
    @Sendable func changes(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let tag = wholeTag(minute: Int(hotel.now().timeIntervalSince1970 / 60))
        let whole = try cache.body(tag: tag) { try views.encodeAll(tag: tag) { try rooms(only: nil) } }
        let since = (request.uri.queryParameters.get("since").map { String($0) } ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let encoder = API.encoder()
        var body = ByteBuffer()
        if let found = views.changes(since: since) {
            body.writeString(#"{"complete":false,"removed":"#)
            body.writeBytes(try encoder.encode(found.removed))
            body.writeString(#","rooms":"#)
            var rooms = RoomViewCache.array(found.rooms)
            body.writeBuffer(&rooms)
            body.writeString(#","tag":"#)
            body.writeBytes(try encoder.encode(found.current))
        } else {
            body.writeString(#"{"complete":true,"removed":[],"rooms":"#)
            var rooms = whole
            body.writeBuffer(&rooms)
            body.writeString(#","tag":"#)
            body.writeBytes(try encoder.encode(tag))
        }
        body.writeString("}")
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    @Sendable func show(_ request: Request, context: ReveilleRequestContext) async throws -> Response {
        let room = try context.parameters.require("room")
        guard let found = try rooms(only: [room]).first else { throw NotFound(.room, room) }
        return try json(found)
    }

    /// The rooms' views, in room-number order: `only` those (their part of the hotel), or all.
    private func rooms(only: Set<String>?) throws -> [API.Room] {
        let now = hotel.now()
        let text = hotel.text
        if only?.isEmpty == true { return [] }
        let snapshot = try only.map { try hotel.store.snapshot(at: now, rooms: $0) } ?? hotel.store.snapshot(at: now)
        let phones = only.map { _ in Set(snapshot.rooms.values.map(\.phone)) }
        let acknowledged = try phones.map { try hotel.store.acknowledged(phones: $0) } ?? hotel.store.acknowledged()
        let lastAttempts = try hotel.store.lastWakeUpAttempts(phones: phones)
        let planner = Planner(settings: hotel.settings)
        let numbers = (only.map(Array.init) ?? Array(snapshot.rooms.keys)).sorted()
        return numbers.compactMap { number -> API.Room? in
            guard let room = snapshot.rooms[number], let desired = planner.desired(room: number, in: snapshot, now: now) else { return nil }
            // The guest the PBX shows by name: also a late check-out not yet checked out by the PMS.
            let occupants = snapshot.occupants(of: number, at: now)
            let stay = occupants.first
            let ack = acknowledged[room.phone] ?? AcknowledgedExtension()
            let alarmClock = (try? AlarmClock.compile(desired.alarmEntries)) ?? ""
            // The plan's own answer (a used-up list is not in sync while its re-push waits); the
            // settings the driver never sends do not count.
            let inSync = Reconciler.difference(want: desired, have: ack).subtracting(unsentKinds).isEmpty
            return API.Room(
                number: room.number, phone: room.phone, floor: room.floor, wing: room.wing, tags: room.tags.sorted(),
                outOfOrder: room.outOfOrder,
                guest: stay.map { API.Room.Guest($0, text, hotel.settings) },
                desired: API.Room.Desired(
                    alarmClock: alarmClock,
                    // Reception-only calls are listed too, in time order; they are not on the AlarmClock list.
                    wakeUps: (desired.wakeUps + desired.receptionCalls).sorted { $0.at < $1.at }.map { wakeUp in
                        let policy: Int64? = if case .room(let id) = wakeUp.source { id } else { nil }
                        // The wake-up as reception booked it: a personal call's backup ring, a
                        // catch-up and a follow-up are rings of that one wake-up, not others.
                        let booked = wakeUp.personalAt ?? wakeUp.catchUpOf ?? wakeUp.followUpOf
                        let promptLanguage = hotel.settings.wakeUpDefaults.promptLanguage(of: wakeUp.entry.prompt, preferring: stay?.language)
                        return API.Room.PlannedWakeUp(
                            time: booked.map { String(text.text($0).suffix(5)) } ?? wakeUp.entry.start.description,
                            at: text.text(booked ?? wakeUp.at), source: policy == nil ? "group" : "room",
                            policyID: policy, groupID: wakeUp.source.groupID, prompt: wakeUp.entry.prompt, personal: wakeUp.personal,
                            receptionOnly: wakeUp.receptionOnly,
                            promptLanguage: promptLanguage)
                    },
                    dnd: API.DNDState(desired.dnd, text), name: desired.name, callClass: desired.callClass.rawValue),
                acknowledged: API.Acknowledged(ack, text), inSync: inSync,
                lastWakeUp: lastAttempts[room.phone].map { API.Attempt($0, text) }
            ).with(guests: occupants.map { API.Room.Guest($0, text, hotel.settings) })
        }
    }
}
