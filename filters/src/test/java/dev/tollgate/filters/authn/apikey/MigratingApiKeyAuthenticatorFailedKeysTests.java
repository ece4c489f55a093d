package dev.tollgate.filters.authn.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.tollgate.apikeys.ApiKeyAuthentication;
import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.PhaseResolver;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.filters.authn.FailedCredentialCache;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The negative cache of API keys that failed: one store lookup per bad key per TTL, identical answers. */
class MigratingApiKeyAuthenticatorFailedKeysTests {

	private static final RouteSecurity ORDERS = new RouteSecurity("orders", "https://gw.example.com/orders",
			List.of("orders:read"), Set.of(RouteSecurity.Credential.API_KEY), Set.of(), "/orders");

	private static final RouteSecurity BILLING = new RouteSecurity("billing", "https://gw.example.com/billing",
			List.of(), Set.of(RouteSecurity.Credential.API_KEY), Set.of(), "/billing");

	private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");

	private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

	private final AtomicInteger lookups = new AtomicInteger();

	private final AtomicBoolean storeDown = new AtomicBoolean();

	private final ApiKeyFormat format = new ApiKeyFormat();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FailedCredentialCache failed = new FailedCredentialCache("api-key", Duration.ofSeconds(30), 100,
			this.clock, this.registry);

	private final MigratingApiKeyAuthenticator authenticator = new MigratingApiKeyAuthenticator(
			new ApiKeyAuthentication(countingStore(), new PhaseResolver(new RoutePhasePolicies(List.of()), null), null,
					this.clock, null, Duration.ofSeconds(1), null),
			Duration.ofSeconds(5), this.failed);

	private ApiKeyStore countingStore() {
		return (ApiKeyStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ApiKeyStore.class }, (proxy, method, args) -> {
					if (method.getName().equals("findByHash")) {
						this.lookups.incrementAndGet();
						if (this.storeDown.get()) {
							return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
						}
					}
					return method.invoke(this.store, args);
				});
	}

	private Rejection refusal(String key, RouteSecurity route) {
		Rejection[] rejection = new Rejection[1];
		StepVerifier.create(this.authenticator.authenticate(key, route))
			.expectErrorSatisfies((ex) -> rejection[0] = (Rejection) ex)
			.verify();
		return rejection[0];
	}

	private String save(java.util.function.UnaryOperator<ApiKeyRecord.Builder> change) {
		String id = this.format.newKeyId();
		String key = this.format.newKey(id);
		this.store.save(change.apply(record(id, key)).build()).toCompletableFuture().join();
		return key;
	}

	private static ApiKeyRecord.Builder record(String id, String key) {
		return ApiKeyRecord.builder().keyId(id).clientId("agent-a").scopes(Set.of("orders:read"))
			.created(Instant.parse("2026-01-01T00:00:00Z")).hash(KeyHash.of(key));
	}

	@Test
	void authenticateWhenSameUnknownKeyRepeatedThenOneLookupAndIdenticalAnswers() {
		String key = this.format.newKey(this.format.newKeyId());
		Rejection first = refusal(key, ORDERS);
		for (int i = 0; i < 9; i++) {
			assertThat(refusal(key, ORDERS)).isSameAs(first);
		}
		assertThat(this.lookups).hasValue(1);
		assertThat(this.registry.get("tollgate.authn.failed_credentials").tags("kind", "api-key", "outcome", "hit")
			.counter().count()).isEqualTo(9);
	}

	@Test
	void authenticateWhenRevokedExpiredUnknownOrMalformedThenSameAnswerFirstAndFromCache() {
		String revoked = save((b) -> b.status(KeyStatus.REVOKED));
		String expired = save((b) -> b.expires(this.clock.instant()));
		String unknown = this.format.newKey(this.format.newKeyId());
		CallerFault reference = (CallerFault) refusal("garbage", ORDERS);
		for (String key : List.of(revoked, expired, unknown, "garbage")) {
			for (int i = 0; i < 2; i++) {
				CallerFault fault = (CallerFault) refusal(key, ORDERS);
				assertThat(fault.status()).isEqualTo(reference.status());
				assertThat(fault.error()).isEqualTo(reference.error());
				assertThat(fault.reason()).isEqualTo(reference.reason());
				assertThat(fault.description()).isEqualTo(reference.description());
				assertThat(fault.headers()).isEqualTo(reference.headers());
			}
		}
		assertThat(this.lookups).as("one lookup each for revoked, expired, unknown; none for malformed").hasValue(3);
	}

	// The documented bound: a key issued after it was refused works at the latest after the TTL, at once after a
	// key-change announcement (clear()).
	@Test
	void authenticateWhenKeyIssuedAfterRefusalThenAcceptedAfterClearOrTtl() {
		String id = this.format.newKeyId();
		String key = this.format.newKey(id);
		refusal(key, ORDERS);
		this.store.save(record(id, key).build()).toCompletableFuture().join();
		assertThat(refusal(key, ORDERS).reason()).isEqualTo("api_key_rejected");
		this.clock.advance(Duration.ofSeconds(30));
		StepVerifier.create(this.authenticator.authenticate(key, ORDERS)).expectNextCount(1).verifyComplete();

		String other = this.format.newKey(this.format.newKeyId());
		refusal(other, ORDERS);
		this.failed.clear();
		refusal(other, ORDERS);
		assertThat(this.lookups).hasValue(4);
	}

	// A key may be allowed on one route and not another: that refusal is never remembered.
	@Test
	void authenticateWhenKeyNotAllowedOnRouteThenNotRememberedAndAcceptedOnItsRoute() {
		String key = save((b) -> b.routes(Set.of("orders")));
		assertThat(refusal(key, BILLING).reason()).isEqualTo("api_key_rejected");
		StepVerifier.create(this.authenticator.authenticate(key, ORDERS)).expectNextCount(1).verifyComplete();
		assertThat(this.failed.size()).isZero();
	}

	@Test
	void authenticateWhenStoreDownThen503NotRemembered() {
		this.storeDown.set(true);
		String key = this.format.newKey(this.format.newKeyId());
		assertThat(refusal(key, ORDERS)).isInstanceOf(DependencyFailure.class);
		this.storeDown.set(false);
		assertThat(refusal(key, ORDERS)).isInstanceOf(CallerFault.class);
		assertThat(this.lookups).hasValue(2);
	}

}
