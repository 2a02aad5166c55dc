import Foundation

/// The request and reply bodies of Reveille's JSON API (`docs/API.md`, `docs/openapi.yaml`), in one
/// place for both ends: `ReveilleHTTP` encodes the replies and decodes the requests with these
/// types, the `reveille` CLI encodes the requests and decodes the replies with the same ones, and
/// both use ``API/encoder()`` and ``API/decoder()``. A field renamed here is renamed on both sides at
/// once, and the CLI's tests build their fake replies from these values, so they cannot drift from
/// what the server writes.
///
/// The types hold only what goes over the wire: strings in the API's wall-clock formats, numbers and
/// flags. Building a reply from the domain (rooms, stays, the store) is the server's business and
/// lives in `ReveilleHTTP` as extensions; checking what a person typed is the CLI's. An absent value
/// is `nil` and is left out of the JSON, which `docs/openapi.yaml` reads as null.
///
/// Why a hand-written shared module rather than types generated from `docs/openapi.yaml` by
/// swift-openapi-generator: the YAML stays the documented contract either way. It is already checked
/// from both sides — against the running service by schemathesis (`Tests/contract/`), and against
/// `docs/API.md` and the server's route table by `ContractDocsTests` — so what a generator would add
/// is mainly the Swift side of those checks, which this module gives with one source. A generator
/// would also bring a build plugin and its dependencies into every build, and a generated client and
/// server surface far larger than the API's two dozen operations need, on 2-core machines where a clean
/// build already takes minutes. What this choice gives up: nothing generates these types from the
/// YAML, so a field added here must be added to `docs/openapi.yaml` by hand. Schemathesis fails on a
/// reply that contradicts the YAML, but not on a field the YAML does not mention.
public enum API {
    /// The encoder of every body the API writes: sorted keys, `/` unescaped, dates as ISO 8601. The
    /// server answers with it and the CLI sends with it, so the same value is the same bytes.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder matching ``encoder()``.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
