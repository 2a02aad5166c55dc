import Foundation
import Hummingbird
import ReveilleAPIContract
import ReveilleCore
import ReveilleServices
import ReveilleStore

/// An error the API answers with a JSON body naming the field, the stable ``ErrorCode`` with its
/// parameters, and the rule in English.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var field: String?
    public var code: ErrorCode
    public var params: [String: String]
    public var rule: String
    public var lateRooms: [String]?
    /// Extra headers (`Allow` of a 405, `WWW-Authenticate` of a 401).
    var headers = HTTPFields()

    public init(
        status: HTTPResponse.Status, field: String? = nil, code: ErrorCode, params: [String: String] = [:], rule: String,
        lateRooms: [String]? = nil
    ) {
        self.status = status
        self.field = field
        self.code = code
        self.params = params
        self.rule = rule
        self.lateRooms = lateRooms
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
    }

    public static let unauthorized = APIError(status: .unauthorized, code: .unauthorized, rule: "missing or unknown bearer token")

    /// A change under the session cookie, or a sign-in, without the page's `X-Reveille` header (CSRF).
    public static let crossSite = APIError(
        status: .forbidden, code: .crossSiteRequest, params: ["header": "X-Reveille"],
        rule: "signing in, and every change made with the session cookie, needs the X-Reveille header")

    /// Sign-in refused: the same answer for an unknown user, a wrong password and a disabled account.
    public static let badCredentials = APIError(status: .unauthorized, code: .badCredentials, rule: "unknown user name or wrong password")

    /// Too many failed sign-ins for one user name: `Retry-After` says when to try again.
    static func tooManyAttempts(retryAfter seconds: Int) -> APIError {
        var error = APIError(
            status: .tooManyRequests, code: .tooManyAttempts, params: ["retryAfter": "\(seconds)"],
            rule: "too many failed sign-ins for this user; try again in \(seconds) s")
        error.headers[.retryAfter] = "\(seconds)"
        return error
    }

    /// A 400 naming `field`.
    public static func invalid(_ field: String, _ code: ErrorCode, _ params: [String: String] = [:], _ rule: String) -> APIError {
        APIError(status: .badRequest, field: field, code: code, params: params, rule: rule)
    }

    /// `?field=` holds `value`, which is not a whole number.
    static func notANumber(_ field: String, _ value: String) -> APIError {
        .invalid(field, .notANumber, ["value": String(value.prefix(20))], "\"\(value.prefix(20))\" is not a number")
    }

    /// `?field=` holds `value`, which is not one of `allowed`.
    static func notOneOf(_ field: String, _ value: String, _ allowed: [String]) -> APIError {
        let list = allowed.joined(separator: ", ")
        return .invalid(field, .notOneOf, ["value": String(value.prefix(20)), "allowed": list], "\"\(value.prefix(20))\" is not one of \(list)")
    }

    /// The reply of any error: ours, the front desk's and the input bounds' (with their codes),
    /// decoding errors (naming the field), and anything else as a logged 500.
    static func from(_ error: any Error, context: some RequestContext, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as BookingError:
            return APIError(
                status: .badRequest, field: error.field, code: error.code, params: error.params, rule: error.rule,
                lateRooms: error.lateRooms.isEmpty ? nil : error.lateRooms)
        case let error as InputError:
            return APIError(status: .badRequest, field: error.field, code: error.code, params: error.params, rule: error.rule)
        case let error as NotFound:
            return APIError(status: .notFound, code: error.code, params: error.params, rule: error.rule)
        case let error as AlreadyAcknowledged:
            let at = error.at.formatted(.iso8601)
            return APIError(
                status: .conflict, code: .alreadyAcknowledged, params: ["by": error.by, "at": at],
                rule: "already acknowledged by \(error.by) at \(at)")
        case let error as DecodingError:
            return describe(error)
        case let error as HTTPError where error.status == .contentTooLarge:
            return bodyTooLarge(context.maxUploadSize)
        case let error as HTTPError:
            return APIError(status: error.status, code: .invalid, rule: error.body ?? error.status.reasonPhrase)
        case let error where Store.isBusy(error):
            context.logger.warning("request refused: the database is busy", metadata: ["path": "\(request.uri.path)"])
            var busy = APIError(status: .serviceUnavailable, code: .busy, rule: "the database is busy; nothing was done, send it again")
            busy.headers[.retryAfter] = "2"
            return busy
        default:
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return APIError(status: .internalServerError, code: .internalError, rule: "internal error; see the service log")
        }
    }

    static func bodyTooLarge(_ maximum: Int) -> APIError {
        APIError(status: .contentTooLarge, code: .bodyTooLarge, params: ["maximum": "\(maximum)"], rule: "request body larger than \(maximum) bytes")
    }

    func response() -> Response {
        let body = API.ErrorReply(error: .init(field: field, code: code.rawValue, params: params, rule: rule, lateRooms: lateRooms))
        let data = (try? API.encoder().encode(body)) ?? Data()
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A decoding error as a 400 naming the field at fault.
    static func describe(_ error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(path(context.codingPath, key), .required, [:], "is required")
        case .typeMismatch(let type, let context):
            return .invalid(path(context.codingPath), .wrongType, ["expected": name(of: type).json], "must be \(name(of: type).english)")
        case .valueNotFound(let type, let context):
            return .invalid(
                path(context.codingPath), .wrongType, ["expected": name(of: type).json], "must be \(name(of: type).english), not null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .invalid("body", .notJSON, [:], "is not a JSON object") }
            return .invalid(path(context.codingPath), .invalid, [:], context.debugDescription)
        @unknown default:
            return .invalid("body", .notJSON, [:], "cannot be read")
        }
    }

    static func name(of type: Any.Type) -> (json: String, english: String) {
        switch type {
        case is String.Type: ("string", "a string")
        case is Int.Type, is Int64.Type: ("integer", "a whole number")
        case is Bool.Type: ("boolean", "true or false")
        case is [Any].Type, is [String].Type, is [Int].Type: ("array", "an array")
        default: ("object", "\(type)")
        }
    }
}

/// Turns every error into its JSON reply (``APIError/from(_:context:request:)``). A request that
/// matched no route (Hummingbird's 404) is a 404, or a 405 with `Allow` when its path has other
/// methods: read from the routes the router holds (``RouteTable``), never a list kept by hand.
struct JSONErrors<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return unrouted(request).response()
        } catch {
            return APIError.from(error, context: context, request: request).response()
        }
    }

    func unrouted(_ request: Request) -> APIError {
        let path = String(request.uri.path.prefix(200))
        let allowed = routes.methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else {
            return APIError(
                status: .notFound, code: .notFound, params: ["what": "endpoint", "id": "\(request.method) \(path)"],
                rule: "no such endpoint \(request.method) \(path)")
        }
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        var error = APIError(
            status: .methodNotAllowed, code: .methodNotAllowed, params: ["method": request.method.rawValue, "allowed": list],
            rule: "\(request.method) is not allowed on \(path); allowed: \(list)")
        error.headers[.allow] = list
        return error
    }
}
