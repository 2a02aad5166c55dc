import Foundation
import PropertyBased
import ReveilleCore
@testable import ReveilleIngest
import ReveilleStore
import Testing

/// Random and extreme values in every field of every socket event. Each line gets
/// `{"ok":true}` or `{"ok":false,"error":"<field>: <rule>"}`; a refused line changes nothing; what
/// is stored stays within ``InputBounds``; nothing crashes.
struct PMSEventPropertyTests {
    static let hostile: [String] = [
        "null", "true", "[]", "{}", "0", "-1", "1208", "9223372036854775807", "1e308", "-0",
        #""""#, #""   ""#, #""1201""#, #""1202""#, #""9999""#, #""1201-1203""#,
        #""张伟""#, #""Smith John""#, #""a\r\nAction: Set""#, #""\u0000""#, #""\u001b[31m""#,
        "\"" + String(repeating: "a", count: 3_000) + "\"", "\"" + String(repeating: "叫", count: 65) + "\"",
        #""2026-11-24T15:00""#, #""2026-11-27T12:00""#, #""2026-11-24""#, #""0001-01-01T00:00""#, #""9999-12-31T23:59""#,
        #""2026-02-30T10:00""#, #""24:00""#, #""R1""#, #""R2""#, #""TOUR""#, "\"" + String(repeating: "G", count: 40) + "\"",
    ]
    static let events = [#""checkin""#, #""checkout""#, #""move""#, #""update""#, #""nonsense""#, "1", "null"]
    static let fields = ["room", "guest", "arrival", "departure", "group", "booking", "from", "to", "replace"]

    static func line(event: String, mask: Int, values: [String]) -> String {
        let members = fields.enumerated().compactMap { index, field -> String? in
            guard mask & (1 << index) != 0 else { return nil }
            let value = field == "replace" ? (values[index].hasPrefix("t") ? "true" : values[index]) : values[index]
            return "\"\(field)\":\(value)"
        }
        return "{" + (["\"event\":\(event)"] + members).joined(separator: ",") + "}"
    }

    @Test func everyEventGetsOkOrAnErrorNamingTheFieldAndARefusedOneChangesNothing() async throws {
        let fixture = try IngestFixture()
        let listener = PMSSocketListener(path: "/nonexistent/pms.sock", importer: fixture.importer, store: fixture.store,
                                         timeZone: IngestFixture.zone, logger: IngestFixture.logger)
        await propertyCheck(
            count: 400, input: Gen.element(of: Self.events), Gen.int(in: 0...(1 << Self.fields.count) - 1),
            Gen.element(of: Self.hostile).array(of: Self.fields.count)
        ) { event, mask, values in
            let line = Self.line(event: event ?? "null", mask: mask, values: values.map { $0 ?? "null" })
            do {
                let before = try fixture.store.snapshot().stays
                let reply = listener.handle(line)
                let object = try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
                switch object?["ok"] as? Bool {
                case true:
                    break
                case false:
                    let error = object?["error"] as? String ?? ""
                    #expect(error.contains(": "), "no field named: \(reply) for \(line)")
                    #expect(try fixture.store.snapshot().stays == before, "a refused event changed the stays: \(line)")
                default:
                    Issue.record("not a reply: \(reply) for \(line)")
                }
                // Whatever was stored is within the bounds (nothing quarantined on load).
                _ = try fixture.store.snapshot()
                #expect(fixture.store.quarantined.isEmpty, "\(line) → \(fixture.store.quarantined)")
                for stay in try fixture.store.inHouse() {
                    #expect(stay.guest.isSafeForPBXWire && stay.guest.count <= InputBounds.nameLength, "\(line)")
                }
            } catch {
                Issue.record("\(error) for \(line)")
            }
        }
    }
}
