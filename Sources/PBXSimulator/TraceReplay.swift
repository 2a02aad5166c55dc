import PBXProtocol

/// The PBX side of a wire trace (`pbx.trace`), played back: each request Reveille sends is matched
/// to the next unused request of the trace with the same fields (SeqID and the redacted password
/// aside; else the same Action, CallMethod and Phone), and answered with the reply the PBX gave
/// then (its SeqID set to the new request's) followed by the events the PBX sent before the next
/// request. A request the PBX never answered gets no answer again. A heartbeat the trace lacks is
/// answered Success (a replay runs longer or shorter than the original); any other request the
/// trace lacks is answered Error, so a test sees it.
public final class TraceReplay: Sendable {
    struct Exchange: Sendable {
        var request: WireTraceLine
        var reply: WireTraceLine?
        var events: [WireTraceLine] = []
    }

    private let state: Locked<(exchanges: [Exchange], used: Set<Int>)>

    /// The message an unmatched request is refused with.
    public static let unmatchedMessage = "not in the replayed trace"

    public init(lines: [WireTraceLine]) {
        var exchanges: [Exchange] = []
        for line in lines {
            switch line.direction {
            case .out:
                exchanges.append(Exchange(request: line))
            case .in where line["Response"] != nil:
                let seq = line["SeqID"]
                if let index = exchanges.lastIndex(where: { $0.request["SeqID"] == seq && $0.reply == nil }) {
                    exchanges[index].reply = line
                }
            case .in:
                if !exchanges.isEmpty { exchanges[exchanges.count - 1].events.append(line) }
            }
        }
        state = Locked((exchanges, []))
    }

    /// Reads a trace file's text; unreadable lines are skipped.
    public convenience init(text: String) {
        self.init(lines: text.split(separator: "\n").compactMap(WireTraceLine.decode))
    }

    /// The frames to send back for `request`, in order.
    public func answer(_ request: Frame) -> [Frame] {
        let found: Exchange? = state.withLock { state in
            let key = Self.key(request.fields.map { [$0.key, $0.value] })
            let loose = Self.looseKey(request)
            let index = state.exchanges.indices.first { !state.used.contains($0) && Self.key(state.exchanges[$0].request.fields) == key }
                ?? state.exchanges.indices.first { !state.used.contains($0) && Self.looseKey(state.exchanges[$0].request.frame) == loose }
            guard let index else { return nil }
            state.used.insert(index)
            return state.exchanges[index]
        }
        guard let found else {
            let heartbeat = request[FieldKey.callMethod] == CallMethod.heartBeat.rawValue
            return [Self.reply(to: request, success: heartbeat)]
        }
        guard let reply = found.reply else { return [] }
        var fields = reply.frame.fields
        if let seq = request[FieldKey.seqID], let position = fields.firstIndex(where: { $0.key == FieldKey.seqID }) {
            fields[position].value = seq
        }
        return [Frame(fields)] + found.events.map(\.frame)
    }

    /// Whether every request of the trace has been asked for.
    public var isFinished: Bool { state.withLock { $0.used.count == $0.exchanges.count } }

    static func key(_ fields: [[String]]) -> [[String]] {
        fields.filter { $0.count == 2 && $0[0] != FieldKey.seqID && !WireTraceLine.isSecret($0[0]) }
    }

    static func looseKey(_ frame: Frame) -> [String?] {
        [frame[FieldKey.action], frame[FieldKey.callMethod], frame[FieldKey.phone]]
    }

    static func reply(to request: Frame, success: Bool) -> Frame {
        var fields = request.fields.filter { !WireTraceLine.isSecret($0.key) }
        fields.append(Field(FieldKey.response, success ? "Success" : "Error"))
        if !success { fields.append(Field(FieldKey.message, unmatchedMessage)) }
        return Frame(fields)
    }
}
