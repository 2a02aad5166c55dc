import Foundation
import ReveilleCore
import ReveilleStore

extension FrontDesk {
    /// The members a group request names in this hotel (ranges and floors resolved).
    public func members(_ request: GroupMemberRequest) throws -> GroupMembers {
        try request.resolve(in: try store.rooms())
    }

    /// Deletes a housekeeping rule (every room may change).
    public func deleteRule(_ id: Int64, actor: String) throws {
        guard try store.delete(DNDRule.self, id: id, actor: actor, at: now()) != nil else { throw NotFound(.rule, id) }
        changed(nil)
    }

    /// Puts every failed push back in the queue; returns how many.
    public func retryFailed(actor: String) throws -> Int {
        let count = try store.retryFailed(actor: actor, at: now())
        changed(nil)
        return count
    }

    /// Records who dealt with alert `id` and what they did. An alert is acknowledged once: a
    /// second acknowledgement is refused with the first one's person and time.
    public func acknowledgeAlert(_ id: Int64, action: String, note: String?, actor: String) throws -> Alert {
        guard let action = AlertAction(rawValue: action) else {
            let allowed = AlertAction.allCases.map(\.rawValue)
            throw InputError(
                field: "action", code: .notOneOf, params: ["value": String(action.prefix(40)), "allowed": allowed.joined(separator: ", ")],
                rule: "must be one of: " + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        let note = note?.isEmpty == true ? nil : note
        if let note {
            // Unicode scalars and UTF-8 bytes, not characters (one "character" may be 80 KB).
            let scalars = note.unicodeScalars.count
            guard scalars <= Alert.noteLimit else {
                throw InputError(
                    field: "note", code: .tooLong, params: ["maximum": "\(Alert.noteLimit)", "length": "\(scalars)"],
                    rule: "must be at most \(Alert.noteLimit) characters (has \(scalars))")
            }
            guard note.utf8.count <= InputBounds.textBytes else {
                throw InputError(
                    field: "note", code: .tooManyBytes, params: ["maximum": "\(InputBounds.textBytes)", "length": "\(note.utf8.count)"],
                    rule: "must be at most \(InputBounds.textBytes) bytes in UTF-8 (has \(note.utf8.count))")
            }
            // A note may hold line breaks (it is never sent to the PBX); nothing else of Cc.
            guard !note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
                throw InputError(field: "note", code: .controlCharacters, rule: "must not contain control characters")
            }
        }
        do {
            let alert = try store.acknowledge(alert: id, action: action, note: note, actor: actor, at: now())
            // A personal call acknowledged: its backup ring leaves the PBX now.
            if alert.kind == .personalCall { changed([alert.room]) }
            return alert
        } catch AlertAcknowledgementError.unknownAlert {
            throw NotFound(.alert, id)
        } catch AlertAcknowledgementError.alreadyAcknowledged(let alert) {
            throw AlreadyAcknowledged(alert: alert)
        }
    }
}
