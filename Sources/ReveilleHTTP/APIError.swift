import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices

/// An error the API answers with a JSON body naming the field and the rule.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var field: String?
    public var rule: String
    public var lateRooms: [String]?

    public init(status: HTTPResponse.Status, field: String? = nil, rule: String, lateRooms: [String]? = nil) {
        self.status = status
        self.field = field
        self.rule = rule
        self.lateRooms = lateRooms
    }

    public static let unauthorized = APIError(status: .unauthorized, rule: "missing or unknown bearer token")

    public static func invalid(_ field: String, _ rule: String) -> APIError {
        APIError(status: .badRequest, field: field, rule: rule)
    }

    public static func notFound(_ rule: String) -> APIError {
        APIError(status: .notFound, rule: rule)
    }

    func response() -> Response {
        let body = API.ErrorReply(error: .init(field: field, rule: rule, lateRooms: lateRooms))
        let data = (try? API.encoder().encode(body)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error into a JSON reply: ours, booking refusals, decoding errors (naming the
/// field), Hummingbird's (413 for a body over the limit), and anything else as a logged 500.
public struct JSONErrors<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as BookingError {
            return APIError(status: .badRequest, field: error.field, rule: error.rule,
                            lateRooms: error.lateRooms.isEmpty ? nil : error.lateRooms).response()
        } catch let error as NotFound {
            return APIError.notFound(error.rule).response()
        } catch let error as InputError {
            return APIError.invalid(error.field, error.rule).response()
        } catch let error as DecodingError {
            return Self.describe(error).response()
        } catch let error as HTTPError {
            switch error.status {
            case .contentTooLarge:
                return APIError(status: .contentTooLarge, rule: "request body larger than \(context.maxUploadSize) bytes").response()
            case .notFound:
                // A known path with another method is a 405 naming the methods it has.
                let allowed = APIRoutes.methods(for: request.uri.path)
                if !allowed.isEmpty, !allowed.contains(request.method) {
                    var response = APIError(
                        status: .methodNotAllowed,
                        rule: "\(request.method) is not allowed on \(request.uri.path); allowed: \(allowed.map(\.rawValue).joined(separator: ", "))"
                    ).response()
                    response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                    return response
                }
                return APIError.notFound("no such endpoint \(request.method) \(request.uri.path)").response()
            default:
                return APIError(status: error.status, rule: error.body ?? error.status.reasonPhrase).response()
            }
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return APIError(status: .internalServerError, rule: "internal error; see the service log").response()
        }
    }

    static func describe(_ error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(path(context.codingPath, key), "is required")
        case .typeMismatch(let type, let context):
            return .invalid(path(context.codingPath), "must be \(Self.name(of: type))")
        case .valueNotFound(let type, let context):
            return .invalid(path(context.codingPath), "must be \(Self.name(of: type)), not null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .invalid("body", "is not a JSON object") }
            return .invalid(path(context.codingPath), context.debugDescription)
        @unknown default:
            return .invalid("body", "cannot be read")
        }
    }

    static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [Any].Type, is [String].Type, is [Int].Type: "an array"
        default: "\(type)"
        }
    }
}
