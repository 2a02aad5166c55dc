import Foundation
import Hummingbird
import HummingbirdTesting
import PropertyBased
import ReveilleCore
import ReveilleStore
import Testing

/// Random and extreme values in every field of every request body. Whatever arrives, the
/// answer is a 2xx or a 400 naming a field and a rule; after a 400 nothing new is stored; what is
/// stored is always within ``InputBounds`` (nothing is quarantined on the next load); the service
/// keeps answering.
struct RequestBodyPropertyTests {
    /// Raw JSON fragments: extreme numbers, wrong types, far dates, control characters, long text.
    static let hostile: [String] = [
        "null", "true", "[]", "{}", "0", "-1", "1", "4", "5", "10", "11", "120", "121", "366", "367",
        "100000000000000000", "9223372036854775807", "-9223372036854775808", "1e308", "0.5", "-0",
        #""""#, #""   ""#, #""07:00""#, #""7:30""#, #""24:00""#, #""06:30""#, #""23:59""#,
        #""2026-11-25""#, #""2026-11-24T21:00""#, #""0001-01-01""#, #""9999-12-31""#, #""9999-12-31T23:30""#,
        #""0001-01-01T00:00""#, #""2027-12-29T12:00""#, #""2026-02-30""#,
        #""a+b.gsm""#, #""张.gsm""#, #""wake.gsm""#, #""../x.gsm""#, #""a\r\nAction: Set""#, #""\u0000""#,
        #""张伟""#, "\"" + String(repeating: "a", count: 5_000) + "\"", "\"" + String(repeating: "叫", count: 65) + "\"",
        "[8]", "[1,2,3,4,5,6,7]", "[0]", "[100000]", #"["1201"]"#, #"["1201-1203"]"#, #"["1-999999999"]"#,
        #"["\u0000"]"#, "[12]", "[-2147483649]", #"["quiet"]"#, #""TOUR""#, #""vacant""#, #""occupied""#,
        #"{"type":"quietHours","from":"07:00","to":"07:00"}"#, #"{"type":"quietHours","from":"22:00","to":"07:00"}"#,
        #"{"type":"afterCheckIn","hours":100000000000000000}"#, #"{"type":"afterCheckIn","hours":2}"#,
        #"{"type":"whileVacant"}"#, #"{"type":"nonsense"}"#,
    ]

    /// The fields of each body (docs/API.md).
    static let wakeUpFields = ["time", "date", "days", "weekdays", "until", "frequency", "attempts", "prompt"]
    static let endpoints: [(path: String, token: String, fields: [String])] = [
        ("/api/rooms/1201/wakeups", APITests.reception, wakeUpFields),
        ("/api/groups", APITests.reception, ["name", "rooms", "floors", "group", "acceptLate"] + wakeUpFields),
        ("/api/rooms/1202/dnd", APITests.reception, ["from", "until"]),
        ("/api/rules", APITests.housekeeping, ["name", "floors", "tags", "occupancy", "action", "priority", "enabled"]),
    ]

    /// A body with the fields `mask` selects, each with one of `values`.
    static func body(fields: [String], mask: Int, values: [String]) -> String {
        let members = fields.enumerated().compactMap { index, field in
            mask & (1 << index) != 0 ? "\"\(field)\":\(values[index % values.count])" : nil
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func rowCount(_ store: Store) throws -> Int {
        let snapshot = try store.snapshot()
        return snapshot.policies.count + snapshot.groups.count + snapshot.dndWindows.count + snapshot.rules.count
    }

    @Test(arguments: 0..<endpoints.count)
    func everyBodyGetsA2xxOrA400NamingTheFieldAndNothingOutOfBoundsIsStored(endpoint index: Int) async throws {
        let endpoint = Self.endpoints[index]
        let fixture = try APITests.Fixture()
        try await fixture.test { client in
            await propertyCheck(
                count: 150, input: Gen.int(in: 0...(1 << endpoint.fields.count) - 1), Gen.element(of: Self.hostile).array(of: 13)
            ) { mask, values in
                let body = Self.body(fields: endpoint.fields, mask: mask, values: values.map { $0 ?? "null" })
                do {
                    let before = try Self.rowCount(fixture.store)
                    let response = try await client.send(endpoint.path, .post, token: endpoint.token, body: body)
                    switch response.status.code {
                    case 200, 201:
                        break
                    case 400:
                        let error = try APITests.error(response)
                        #expect((error["field"] as? String)?.isEmpty == false, "\(body)")
                        #expect((error["rule"] as? String)?.isEmpty == false, "\(body)")
                        #expect(try Self.rowCount(fixture.store) == before, "a refused body stored something: \(body)")
                    default:
                        Issue.record("status \(response.status.code) for \(body)")
                    }
                    #expect(fixture.store.quarantined.isEmpty, "stored out of bounds: \(body) → \(fixture.store.quarantined)")
                } catch {
                    Issue.record("\(error) for \(body)")
                }
            }
            // Still answering.
            let status = try await client.send("/api/status", .get, token: APITests.reception).status
            #expect(status == .ok)
        }
    }
}
