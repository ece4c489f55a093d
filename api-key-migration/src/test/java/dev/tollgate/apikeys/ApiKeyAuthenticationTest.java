package dev.tollgate.apikeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.phase.RoutePhasePolicy;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.DelegatingStore;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.apikeys.usage.InMemoryUsageStore;
import dev.tollgate.apikeys.usage.UsageRecorder;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyAuthenticationTest {

	private static final String GUIDE = "https://docs.example.com/move-to-oauth";

	private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");

	private final List<String> lookups = new ArrayList<>();

	private final InMemoryApiKeyStore backing = new InMemoryApiKeyStore();

	private final ApiKeyStore store = new DelegatingStore(this.backing) {
		@Override
		public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
			ApiKeyAuthenticationTest.this.lookups.add(hash);
			return super.findByHash(hash);
		}
	};

	private final RoutePhasePolicies policies = new RoutePhasePolicies(List.of());

	private final List<Decision> seen = new ArrayList<>();

	private final UsageRecorder usage = new UsageRecorder(new InMemoryUsageStore(), this.backing, this.clock, 100);

	private final ApiKeyAuthentication authn = new ApiKeyAuthentication(this.store,
			new PhaseResolver(this.policies, GUIDE), this.usage, this.clock, GUIDE, Duration.ofSeconds(1),
			(d, route) -> this.seen.add(d));

	private final ApiKeyFormat format = new ApiKeyFormat();

	@Test
	void authenticateWhenValidThenScopesNarrowedToTheRoute() {
		String key = saveTollgateKey(b -> b.scopes(Set.of("orders:read", "orders:write", "admin")));
		Decision d = decide(key, Set.of("orders:read", "billing:read"));
		assertThat(d).isInstanceOfSatisfying(Decision.Accepted.class, a -> {
			assertThat(a.scopes()).containsExactly("orders:read");
			assertThat(a.phase()).isEqualTo(Phase.ALLOW);
			assertThat(a.headers()).isEmpty();
		});
		assertThat(this.usage.pendingCells()).isEqualTo(1);
	}

	@Test
	void authenticateWhenMalformedUnknownRevokedExpiredOrMisroutedThenIdenticalAnswer() {
		String revoked = saveTollgateKey(b -> b.status(KeyStatus.REVOKED));
		String expired = saveTollgateKey(b -> b.expires(this.clock.instant()));
		String misrouted = saveTollgateKey(b -> b.routes(Set.of("billing")));
		String unknown = this.format.newKey(this.format.newKeyId());
		String typo = unknown.substring(0, 20) + (unknown.charAt(20) == 'a' ? 'b' : 'a') + unknown.substring(21);
		List<Decision.Rejected> answers = new ArrayList<>();
		for (String key : List.of(revoked, expired, misrouted, unknown, typo, "garbage", "unknown-legacy-key")) {
			answers.add((Decision.Rejected) decide(key, Set.of("orders:read")));
		}
		Decision.Rejected first = answers.get(0);
		assertThat(answers).allSatisfy(r -> {
			assertThat(r.reason()).isEqualTo(first.reason()).isEqualTo(Decision.Rejected.INVALID);
			assertThat(r.description()).isEqualTo(first.description());
			assertThat(r.headers()).isEqualTo(first.headers());
			assertThat(r.byPhase()).isFalse();
		});
		assertThat(answers).extracting(Decision.Rejected::cause).containsExactly(Decision.Cause.REVOKED,
				Decision.Cause.EXPIRED, Decision.Cause.ROUTE_NOT_ALLOWED, Decision.Cause.UNKNOWN,
				Decision.Cause.MALFORMED, Decision.Cause.MALFORMED, Decision.Cause.UNKNOWN);
		assertThat(first.headers()).isEmpty();
		assertThat(first.description()).isEqualTo("The API key is not valid.");
	}

	@Test
	void authenticateWhenMalformedThenNoStoreLookup() {
		decide("tg_AAAAAAAAAAAA_" + "x".repeat(32) + "_000000", Set.of());
		decide("short", Set.of());
		assertThat(this.lookups).isEmpty();
		assertThat(this.seen).hasSize(2);
	}

	@Test
	void authenticateWhenKeysDifferInHowMuchIsRightThenEachIsOneLookupOfItsWholeHash() {
		// The secret is never compared character by character: the only work that depends on a legacy key is the
		// SHA-256 of the whole string and one lookup of that hash, whichever part is wrong. A Tollgate key with any
		// wrong character fails its checksum (computed over every character) and is not looked up at all.
		await(this.backing.save(TestRecords.key("legacy01").hash(KeyHash.of("sk_live_abcdefgh")).build()));
		String key = saveTollgateKey(b -> b);
		List<String> presented = List.of("Xk_live_abcdefgh", "sk_live_abcdefgX", "sk_live_abcdefgh");
		presented.forEach(p -> decide(p, Set.of()));
		decide(key.substring(0, key.length() - 1) + (key.endsWith("X") ? "Y" : "X"), Set.of());
		decide("X" + key.substring(1, 5) + "-not-tollgate", Set.of());
		assertThat(this.lookups).containsExactly(KeyHash.of(presented.get(0)), KeyHash.of(presented.get(1)),
				KeyHash.of(presented.get(2)), KeyHash.of("X" + key.substring(1, 5) + "-not-tollgate"));
		assertThat(this.seen).extracting(d -> d.getClass().getSimpleName()).containsExactly("Rejected", "Rejected",
				"Accepted", "Rejected", "Rejected");
	}

	@Test
	void authenticateWhenLegacyKeyImportedByHashThenAccepted() {
		await(this.backing.save(TestRecords.key("legacy01").hash(KeyHash.of("sk_live_abcdefgh")).build()));
		assertThat(decide("sk_live_abcdefgh", Set.of("orders:read"))).isInstanceOf(Decision.Accepted.class);
	}

	@Test
	void authenticateWhenTollgateKeyHashStoredUnderAnotherIdThenRejected() {
		String key = this.format.newKey(this.format.newKeyId());
		await(this.backing.save(TestRecords.key("someoneelse1").hash(KeyHash.of(key)).build()));
		assertThat(decide(key, Set.of())).isInstanceOfSatisfying(Decision.Rejected.class,
				r -> assertThat(r.cause()).isEqualTo(Decision.Cause.UNKNOWN));
	}

	@Test
	void authenticateWhenRouteInWarnThenAcceptedWithHeaders() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.WARN).withSunset(Instant.parse("2026-09-01T00:00:00Z")));
		String key = saveTollgateKey(b -> b);
		assertThat(decide(key, Set.of()).headers()).containsKeys("Deprecation", "Sunset", "Link");
	}

	@Test
	void authenticateWhenRouteRejectsThenRetiredAnswerWithLinkAndUsageCounted() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.REJECT));
		String key = saveTollgateKey(b -> b);
		Decision d = decide(key, Set.of());
		assertThat(d).isInstanceOfSatisfying(Decision.Rejected.class, r -> {
			assertThat(r.reason()).isEqualTo(Decision.Rejected.RETIRED);
			assertThat(r.description()).contains("OAuth 2.0 is required");
			assertThat(r.headers()).containsKeys("Link", "Deprecation");
			assertThat(r.byPhase()).isTrue();
		});
		assertThat(this.usage.pendingCells()).isEqualTo(1);
	}

	@Test
	void authenticateWhenStoreFailsThenStoreExceptionNotAnAnswer() {
		ApiKeyAuthentication failing = new ApiKeyAuthentication(new DelegatingStore(this.backing) {
			@Override
			public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
				return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
			}
		}, new PhaseResolver(this.policies, GUIDE), null, this.clock, GUIDE, Duration.ofSeconds(1), null);
		assertThatThrownBy(() -> await(failing.authenticate("some-legacy-key", "orders", Set.of())))
			.hasRootCauseInstanceOf(IllegalStateException.class)
			.cause().isInstanceOf(ApiKeyStoreException.class).hasMessage("unavailable");
	}

	@Test
	void authenticateWhenStoreNeverAnswersThenTimeout() {
		ApiKeyAuthentication hanging = new ApiKeyAuthentication(new DelegatingStore(this.backing) {
			@Override
			public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
				return new CompletableFuture<>();
			}
		}, new PhaseResolver(this.policies, GUIDE), null, this.clock, GUIDE, Duration.ofMillis(1), null);
		assertThatThrownBy(() -> await(hanging.authenticate("some-legacy-key", "orders", Set.of())))
			.cause().isInstanceOf(ApiKeyStoreException.class).hasMessage("timeout");
	}

	private Decision decide(String key, Set<String> routeScopes) {
		return await(this.authn.authenticate(key, "orders", routeScopes));
	}

	private String saveTollgateKey(java.util.function.UnaryOperator<ApiKeyRecord.Builder> change) {
		String id = this.format.newKeyId();
		String key = this.format.newKey(id);
		await(this.backing.save(change.apply(TestRecords.key(id).hash(KeyHash.of(key))).build()));
		return key;
	}

}
