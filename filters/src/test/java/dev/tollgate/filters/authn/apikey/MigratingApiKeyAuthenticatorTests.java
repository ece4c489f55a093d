package dev.tollgate.filters.authn.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import dev.tollgate.apikeys.ApiKeyAuthentication;
import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.PhaseResolver;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.phase.RoutePhasePolicy;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.filters.authn.ApiKeyAuthenticator;
import dev.tollgate.filters.authn.CredentialExtractor;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.RouteSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MigratingApiKeyAuthenticatorTests {

	private static final String GUIDE = "https://docs.example.com/move-to-oauth";

	private static final RouteSecurity ORDERS = new RouteSecurity("orders", "https://gw.example.com/orders",
			List.of("orders:read"), Set.of(RouteSecurity.Credential.API_KEY), Set.of(), "/orders");

	private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

	private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

	private final RoutePhasePolicies policies = new RoutePhasePolicies(List.of());

	private final ApiKeyFormat format = new ApiKeyFormat();

	@Test
	void authenticateWhenValidKeyThenApiKeyIdentityWithNarrowedScopesAndKeyId() {
		String key = save(b -> b);
		StepVerifier.create(authenticator(this.store).authenticate(key, ORDERS)).assertNext(accepted -> {
			assertThat(accepted.identity().kind()).isEqualTo(CredentialKind.API_KEY);
			assertThat(accepted.identity().clientId()).isEqualTo("agent-a");
			assertThat(accepted.identity().scopes()).containsExactly("orders:read");
			assertThat(accepted.identity().keyId()).isEqualTo(ApiKeyFormat.keyIdOf(key));
			assertThat(accepted.identity().issuer()).isNull();
			assertThat(accepted.responseHeaders()).isEmpty();
		}).verifyComplete();
	}

	@Test
	void authenticateWhenRouteWarnsThenDeprecationHeadersForTheResponse() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.WARN).withSunset(Instant.parse("2026-09-01T00:00:00Z")));
		StepVerifier.create(authenticator(this.store).authenticate(save(b -> b), ORDERS))
			.assertNext(accepted -> assertThat(accepted.responseHeaders())
				.containsEntry("Sunset", "Tue, 01 Sep 2026 00:00:00 GMT")
				.containsEntry("Link", "<" + GUIDE + ">; rel=\"deprecation\"; type=\"text/html\"")
				.containsKey("Deprecation"))
			.verifyComplete();
	}

	@Test
	void authenticateWhenInvalidKeysThenSameFaultAsAnEmptyKeyHeader() {
		CallerFault emptyHeader = catchThrowableOfType(CallerFault.class, () -> new CredentialExtractor("X-API-Key")
			.extract(MockServerHttpRequest.get("/orders").header("X-API-Key", " ").build()));
		String revoked = save(b -> b.status(KeyStatus.REVOKED));
		String expired = save(b -> b.expires(this.clock.instant()));
		for (String key : List.of(revoked, expired, "garbage", this.format.newKey(this.format.newKeyId()))) {
			StepVerifier.create(authenticator(this.store).authenticate(key, ORDERS))
				.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOfSatisfying(CallerFault.class, fault -> {
					assertThat(fault.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
					assertThat(fault.error()).isEqualTo(CallerFault.BearerError.INVALID_TOKEN);
					assertThat(fault.reason()).isEqualTo(emptyHeader.reason());
					assertThat(fault.description()).isEqualTo(emptyHeader.description());
					assertThat(fault.headers()).isEqualTo(emptyHeader.headers());
				}))
				.verify();
		}
	}

	@Test
	void authenticateWhenRouteRejectsKeysThen401OAuthRequiredWithLink() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.REJECT));
		StepVerifier.create(authenticator(this.store).authenticate(save(b -> b), ORDERS))
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOfSatisfying(CallerFault.class, fault -> {
				assertThat(fault.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(fault.reason()).isEqualTo("api_key_retired");
				assertThat(fault.description()).contains("OAuth 2.0 is required");
				assertThat(fault.headers()).containsKey("Link");
			}))
			.verify();
	}

	@Test
	void authenticateWhenStoreDownThen503DependencyFailureNeverAnAllow() {
		ApiKeyStore failing = (ApiKeyStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ApiKeyStore.class }, (proxy, method, args) -> CompletableFuture
					.failedFuture(new IllegalStateException("connection refused")));
		StepVerifier.create(authenticator(failing).authenticate("some-legacy-key", ORDERS))
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOfSatisfying(DependencyFailure.class, failure -> {
				assertThat(failure.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(failure.dependency()).isEqualTo("api-key-store");
				assertThat(failure.reason()).isEqualTo("unavailable");
				assertThat(failure.headers()).containsEntry("Retry-After", "5");
			}))
			.verify();
	}

	@Test
	void authenticateWhenSubscribedTwiceThenLooksUpTwice() {
		int[] lookups = new int[1];
		ApiKeyStore counting = new InMemoryApiKeyStore();
		ApiKeyStore wrapper = (ApiKeyStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ApiKeyStore.class }, (proxy, method, args) -> {
					lookups[0]++;
					return method.invoke(counting, args);
				});
		var mono = authenticator(wrapper).authenticate("some-legacy-key", ORDERS);
		assertThat(lookups[0]).as("lazy until subscribed").isZero();
		StepVerifier.create(mono).expectError(Rejection.class).verify();
		StepVerifier.create(mono).expectError(Rejection.class).verify();
		assertThat(lookups[0]).isEqualTo(2);
	}

	private ApiKeyAuthenticator authenticator(ApiKeyStore store) {
		ApiKeyAuthentication authentication = new ApiKeyAuthentication(store, new PhaseResolver(this.policies, GUIDE),
				null, this.clock, GUIDE, Duration.ofSeconds(1), null);
		return new MigratingApiKeyAuthenticator(authentication, Duration.ofSeconds(5));
	}

	private String save(java.util.function.UnaryOperator<ApiKeyRecord.Builder> change) {
		String id = this.format.newKeyId();
		String key = this.format.newKey(id);
		ApiKeyRecord.Builder record = ApiKeyRecord.builder().keyId(id).clientId("agent-a")
			.scopes(Set.of("orders:read", "orders:write")).created(Instant.parse("2026-01-01T00:00:00Z"))
			.hash(KeyHash.of(key));
		this.store.save(change.apply(record).build()).toCompletableFuture().join();
		return key;
	}

}
