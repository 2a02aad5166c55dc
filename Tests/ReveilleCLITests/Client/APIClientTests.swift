import AsyncHTTPClient
import Foundation
import NIOCore
import ReveilleAPIContract
import Testing

@testable import ReveilleCLI

/// `APIClient`: what goes over the wire, and what error replies and failures turn into.
@Suite struct APIClientTests {
    @Test func sendsTheBearerTokenAndJSONBodyToTheBaseURLAndPath() async throws {
        let transport = FakeTransport(status: 201, json: API.DNDWindow(id: 4, room: "1208", start: "2026-11-24T20:00", end: "2026-11-25T10:00"))
        let request = APIRequest.post(APIPath.api("rooms", "1208", "dnd"), json: API.DNDRequest(until: "10:00"))
        _ = try await ClientFixture.client(transport).send(request)
        let sent = try #require(transport.recorded.first)
        #expect(sent.method == "POST")
        #expect(sent.url == "http://127.0.0.1:8080/api/rooms/1208/dnd")
        #expect(sent.headers["Authorization"] == "Bearer \(ClientFixture.token)")
        #expect(sent.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(sent.body == #"{"until":"10:00"}"#)
    }

    @Test func keepsABasePathAndDropsATrailingSlash() async throws {
        let transport = FakeTransport(json: [API.DNDWindow]())
        _ = try await ClientFixture.client(transport, url: "https://hotel.example/reveille/").send(.get(APIPath.api("dnd")))
        #expect(transport.recorded.first?.url == "https://hotel.example/reveille/api/dnd")
    }

    @Test func percentEncodesARoomAsOnePathSegment() {
        #expect(APIPath.api("rooms", "12/08 A", "wakeups") == "/api/rooms/12%2F08%20A/wakeups")
    }

    @Test func aBadRequestBecomesAnAPIErrorNamingTheFieldAndRule() async throws {
        let transport = FakeTransport(.error(400, field: "time", #""24:00" is not a real time HH:mm"#))
        let error = await #expect(throws: APIError.self) {
            try await ClientFixture.client(transport).send(.post("/api/rooms/1208/wakeups", json: ["time": "24:00"]))
        }
        #expect(error?.status == 400)
        #expect(error?.field == "time")
        #expect(error?.message == #"time: "24:00" is not a real time HH:mm"#)
    }

    @Test func lateRoomsOfARefusedGroupAreKept() async throws {
        let transport = FakeTransport(.error(400, field: "time", "2 of 40 rooms cannot be pushed", lateRooms: ["1239", "1240"]))
        let error = await #expect(throws: APIError.self) { try await ClientFixture.client(transport).send(.post("/api/groups")) }
        #expect(error?.lateRooms == ["1239", "1240"])
    }

    @Test(arguments: [
        (404, "no room 9999"), (403, "role reception may not resynchronise the PBX"), (413, "request body larger than 65536 bytes"),
    ])
    func anErrorWithoutAFieldShowsItsRule(status: Int, rule: String) async throws {
        let error = await #expect(throws: APIError.self) {
            try await ClientFixture.client(FakeTransport(.error(status, rule))).send(.get("/api/rooms/9999"))
        }
        #expect(error?.status == status)
        #expect(error?.message == rule)
    }

    @Test func anUnauthorizedReplySaysHowToGiveATokenButNeverShowsIt() async throws {
        let error = await #expect(throws: APIError.self) {
            try await ClientFixture.client(FakeTransport(.error(401, "missing or unknown bearer token"))).send(.get("/api/status"))
        }
        let message = try #require(error?.message)
        #expect(message.hasPrefix("missing or unknown bearer token"))
        #expect(message.contains("REVEILLE_TOKEN"))
        #expect(!message.contains(ClientFixture.token))
    }

    @Test func anErrorPageThatIsNotJSONShowsTheStatusAndAnExcerpt() async throws {
        let error = await #expect(throws: APIError.self) {
            try await ClientFixture.client(FakeTransport(status: 502, body: "<html>\nBad gateway\n</html>")).send(.get("/api/status"))
        }
        #expect(error?.message.hasPrefix("HTTP 502") == true)
        #expect(error?.message.contains("Bad gateway") == true)
    }

    @Test func aRefusedConnectionSaysWhereItTried() async throws {
        let refused = IOError(errnoCode: ECONNREFUSED, reason: "connect")
        let error = await #expect(throws: ConnectionError.self) {
            try await ClientFixture.client(FakeTransport([.failure(refused)]), url: "http://10.0.0.5:8080/")
                .send(.get("/api/status"))
        }
        #expect(error?.message.hasPrefix("cannot reach Reveille at http://10.0.0.5:8080: connection refused") == true)
    }

    @Test func aRefusedConnectionIsToldAtOnceByTheRealTransport() async throws {
        // A port held by a socket that never listens: the kernel refuses at once, and no other
        // test can take the port meanwhile.
        let held = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(held) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(held, $0, length) == 0 && getsockname(held, $0, &length) == 0 }
        }
        try #require(held >= 0 && bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let error = await #expect(throws: ConnectionError.self) {
            try await APIClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: "t").send(.get("/api/status"))
        }
        #expect(error?.message == "cannot reach Reveille at http://127.0.0.1:\(port): connection refused (is `reveille serve` running?)")
    }

    @Test(arguments: [HTTPClientError.deadlineExceeded, .connectTimeout, .readTimeout])
    func aTimeoutIsNamed(timeout: HTTPClientError) async throws {
        let error = await #expect(throws: ConnectionError.self) {
            try await ClientFixture.client(FakeTransport([.failure(timeout)])).send(.get("/api/status"))
        }
        #expect(error?.message == "cannot reach Reveille at http://127.0.0.1:8080: no answer (timed out)")
    }

    @Test func anUnknownHostIsNamed() async throws {
        let unknown = SocketAddressError.unknown(host: "reveille.invalid", port: 8080)
        let error = await #expect(throws: ConnectionError.self) {
            try await ClientFixture.client(FakeTransport([.failure(unknown)])).send(.get("/api/status"))
        }
        #expect(error?.message == "cannot reach Reveille at http://127.0.0.1:8080: unknown host")
    }

    @Test func aSuccessfulReplyThatIsNotTheDocumentedJSONIsReportedAsUnexpected() async throws {
        // Hand-written on purpose: a reply the contract's types cannot hold.
        let client = ClientFixture.client(FakeTransport(body: #"{"link":{"state":"up","up":true,"detail":"up"}}"#))
        let error = await #expect(throws: UnexpectedReply.self) {
            try await client.send(.get("/api/status"), as: API.Status.self)
        }
        #expect(error?.message == "unexpected reply to GET /api/status: outbox is missing")
    }

    @Test func theClientsDescriptionHidesTheToken() {
        let client = ClientFixture.client(FakeTransport(body: "{}"))
        #expect(!"\(client)".contains(ClientFixture.token))
        #expect(!String(reflecting: client).contains(ClientFixture.token))
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains(ClientFixture.token))
        #expect("\(client)".contains("127.0.0.1:8080"))
    }
}
