import ECSFormTesting
import Engine
import StackConfig
import Testing

/// State keeps another resource's secrets only as keyed hashes, so a reference to one must
/// stop the apply with a clear message instead of handing the hash on as if it were the secret.
@Suite struct SensitiveReferenceTests {
    @Test func aReferenceToAnotherResourcesSecretIsRefusedOnceStateHoldsOnlyItsHash() async throws {
        // Like the local provider, this one cannot read a secret back: state is all there is.
        let h = Harness(provider: InMemoryProvider(readTransform: { type, attributes in
            type == "role" ? attributes.filter { $0.key != "password" } : attributes
        }))
        func stack(_ extra: String) -> Stack {
            var b = StackBuilder(name: "shop")
            b.resource("role.app", ["name": .string("app"), "password": .sensitive(.string("hunter2")), "tags": .map([:])])
            b.resource("cluster.main", ["name": .string("main"),
                                        "tags": .map(["copy": StackBuilder.ref("role.app.password"), "extra": .string(extra)])])
            return b.build()
        }
        // Within one apply the secret is still in memory and passes on as itself.
        #expect(try await h.apply(stack("a")).succeeded)
        // A later apply reads state from disk, where the secret is only a keyed hash.
        let result = try await h.apply(stack("b"))
        #expect(!result.succeeded)
        let failure = try #require(result.failures.first { $0.address == addr("cluster.main") })
        #expect(failure.message.contains("keyed hash"))
        #expect(!failure.message.contains("hunter2"))
        #expect(!h.provider.objects.contains { "\($0)".contains("hmac-sha256") })
    }
}
