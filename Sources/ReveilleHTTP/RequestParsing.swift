import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore

// What every controller reads from a request and writes back: JSON bodies, ids, query parameters.

/// Reads a JSON body: a body over the context's limit is a 413, a decoding error a 400 naming the
/// field (Hummingbird's own `decode` would hide which field).
func decodeBody<T: Decodable>(_ request: Request, _ context: ReveilleRequestContext, as type: T.Type) async throws -> T {
    var request = request
    let buffer: ByteBuffer
    do {
        buffer = try await request.collectBody(upTo: context.maxUploadSize)
    } catch {
        throw APIError.bodyTooLarge(context.maxUploadSize)
    }
    do {
        return try API.decoder().decode(T.self, from: buffer)
    } catch let error as DecodingError {
        throw APIError.describe(error)
    }
}

/// A JSON response, encoded as the contract says (``API/encoder()``), UTF-8.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try API.encoder().encode(value))))
}

extension ReveilleRequestContext {
    /// The `{id}` path parameter as a number.
    func id() throws -> Int64 {
        let raw = try parameters.require("id")
        guard let id = Int64(raw) else { throw APIError.notANumber("id", raw) }
        return id
    }
}

extension Request {
    /// `?limit=` 1…1000, default 100.
    func limit() throws -> Int {
        guard let raw = uri.queryParameters.get("limit") else { return 100 }
        guard let limit = Int(raw), (1...1000).contains(limit) else {
            throw APIError.invalid(
                "limit", .outOfRange, ["minimum": "1", "maximum": "1000", "unit": ""],
                "\"\(raw.prefix(20))\" is not a whole number from 1 to 1000")
        }
        return limit
    }

    /// `?floor=`: a floor number within ``InputBounds/floor``, or nil when absent.
    func floor() throws -> Int? {
        guard let raw = uri.queryParameters.get("floor") else { return nil }
        let bounds = InputBounds.floor
        guard let floor = Int(raw), bounds.contains(floor) else {
            throw APIError.invalid(
                "floor", .outOfRange, ["minimum": "\(bounds.lowerBound)", "maximum": "\(bounds.upperBound)", "unit": ""],
                "\"\(raw.prefix(20))\" is not a whole number from \(bounds.lowerBound) to \(bounds.upperBound)")
        }
        return floor
    }

    /// `?date=yyyy-MM-dd` (default: the hotel's today) as the instants of that day.
    func dayRange(_ text: WallClockText, now: Date) throws -> (from: Date, to: Date, day: LocalDate) {
        let day = try uri.queryParameters.get("date").map { try text.day(String($0), field: "date") } ?? text.calendar.date(of: now)
        return (text.calendar.instant(day, .midnight), text.calendar.instant(day.adding(days: 1), .midnight), day)
    }

    /// `?room=`: a room number within the bounds (it need not exist any more: history outlives rooms).
    func roomParameter() throws -> String? {
        guard let value = uri.queryParameters.get("room") else { return nil }
        let room = String(value)
        guard !room.isEmpty, room.count <= 16, room.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw APIError.invalid(
                "room", .unknownRoom, ["room": String(room.prefix(20))],
                "\"\(room.prefix(20))\" is not a room number (letters, digits, '-', at most 16)")
        }
        return room
    }
}
