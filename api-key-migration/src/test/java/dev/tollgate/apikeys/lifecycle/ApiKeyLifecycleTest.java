package dev.tollgate.apikeys.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.ApiKeyAuthentication;
import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.Decision;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.BrownoutWindow;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.PhaseResolver;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.testkit.MutableClock;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyLifecycleTest {

	private static final Set<String> ROUTE_SCOPES = Set.of("orders:read");

	private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");

	private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

	private final ApiKeyLifecycle lifecycle = new ApiKeyLifecycle(this.store, new ApiKeyFormat(), this.clock,
			Duration.ofHours(24));

	private final RoutePhasePolicies policies = new RoutePhasePolicies(List.of(BrownoutWindow.parse("10:00/15m")));

	private final ApiKeyAuthentication authn = new ApiKeyAuthentication(this.store,
			new PhaseResolver(this.policies, "https://docs.example.com/oauth"), null, this.clock, null,
			Duration.ofSeconds(1), null);

	@Test
	void issueWhenRequestedThenKeyShownOnceAndOnlyItsHashStored() {
		IssuedKey issued = issue(Duration.ofDays(90));
		assertThat(ApiKeyFormat.wellFormed(issued.key())).isTrue();
		assertThat(issued.toString()).doesNotContain(issued.key());
		ApiKeyRecord stored = await(this.store.findById(issued.record().keyId())).orElseThrow();
		assertThat(stored.hash()).isEqualTo(KeyHash.of(issued.key()));
		assertThat(stored.toString()).doesNotContain(issued.key());
		assertThat(stored.expires()).isEqualTo(Instant.parse("2026-05-31T08:00:00Z"));
		assertThat(accepted(issued.key())).isTrue();
	}

	@Test
	void issueWhenLabelledThenLabelsStoredAndKeptByRotation() {
		IssuedKey issued = await(this.lifecycle.issue(IssueRequest.forClient("agent-7")
			.scopes(ROUTE_SCOPES)
			.labels(java.util.Map.of("tier", "read-only"))));

		IssuedKey successor = await(this.lifecycle.rotate(issued.record().keyId(), Duration.ofHours(1)));

		assertThat(await(this.store.findById(issued.record().keyId())).orElseThrow().labels())
			.containsExactly(java.util.Map.entry("tier", "read-only"));
		assertThat(successor.record().labels()).containsExactly(java.util.Map.entry("tier", "read-only"));
	}

	@Test
	void issueWhenLabelMalformedThenRefusedNamingIt() {
		assertThatThrownBy(() -> IssueRequest.forClient("agent-7").labels(java.util.Map.of("9tier", "x")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'9tier'");
		assertThatThrownBy(() -> KeyLabels.parse("team=payments,tier"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'tier' is not name=value");
		assertThat(KeyLabels.parse(" team = payments , tier=gold ")).containsEntry("team", "payments")
			.containsEntry("tier", "gold");
	}

	@Test
	void rotateWhenOverlapThenOldValidDuringOverlapThenExpired() {
		IssuedKey old = issue(Duration.ofDays(90));
		IssuedKey successor = await(this.lifecycle.rotate(old.record().keyId(), Duration.ofHours(2)));
		assertThat(successor.key()).isNotEqualTo(old.key());
		assertThat(accepted(old.key())).isTrue();
		assertThat(accepted(successor.key())).isTrue();
		this.clock.advance(Duration.ofHours(2).minusSeconds(1));
		assertThat(accepted(old.key())).isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(accepted(old.key())).isFalse();
		assertThat(accepted(successor.key())).isTrue();
		ApiKeyRecord retired = await(this.store.findById(old.record().keyId())).orElseThrow();
		assertThat(retired.replacedBy()).isEqualTo(successor.record().keyId());
		assertThat(retired.stateAt(this.clock.instant())).isEqualTo("expired");
	}

	@Test
	void rotateWhenNoOverlapGivenThenConfiguredDefault() {
		IssuedKey old = issue(null);
		await(this.lifecycle.rotate(old.record().keyId(), null));
		this.clock.advance(Duration.ofHours(23));
		assertThat(accepted(old.key())).isTrue();
		this.clock.advance(Duration.ofHours(1));
		assertThat(accepted(old.key())).isFalse();
	}

	@Test
	void rotateWhenSuccessorIssuedThenSameGrantsAndLifetime() {
		IssuedKey old = await(this.lifecycle.issue(IssueRequest.forClient("agent-a").owner("team-a")
			.scopes(Set.of("orders:read")).routes(Set.of("orders")).validity(Duration.ofDays(30)).phase(Phase.WARN)));
		this.clock.advance(Duration.ofDays(10));
		ApiKeyRecord next = await(this.lifecycle.rotate(old.record().keyId(), Duration.ZERO)).record();
		assertThat(next.clientId()).isEqualTo("agent-a");
		assertThat(next.owner()).isEqualTo("team-a");
		assertThat(next.scopes()).containsExactly("orders:read");
		assertThat(next.routes()).containsExactly("orders");
		assertThat(next.phase()).isEqualTo(Phase.WARN);
		assertThat(next.expires()).isEqualTo(this.clock.instant().plus(Duration.ofDays(30)));
		assertThat(accepted(old.key())).isFalse();
	}

	@Test
	void rotateWhenOverlapLongerThanRemainingLifeThenOldExpiryKept() {
		IssuedKey old = issue(Duration.ofHours(1));
		await(this.lifecycle.rotate(old.record().keyId(), Duration.ofDays(7)));
		assertThat(await(this.store.findById(old.record().keyId())).orElseThrow().expires())
			.isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
	}

	@Test
	void rotateWhenRevokedThenRefused() {
		IssuedKey old = issue(null);
		await(this.lifecycle.revoke(old.record().keyId()));
		assertThatThrownBy(() -> await(this.lifecycle.rotate(old.record().keyId(), null)))
			.hasRootCauseInstanceOf(KeyStateException.class).rootCause().hasMessageContaining("revoked");
	}

	@Test
	void revokeWhenActiveThenRejectedAtOnceAndIdempotent() {
		IssuedKey key = issue(null);
		assertThat(await(this.lifecycle.revoke(key.record().keyId())).status()).isEqualTo(KeyStatus.REVOKED);
		assertThat(accepted(key.key())).isFalse();
		assertThat(await(this.lifecycle.revoke(key.record().keyId())).status()).isEqualTo(KeyStatus.REVOKED);
	}

	@Test
	void expireWhenCalledThenRejectedFromNow() {
		IssuedKey key = issue(Duration.ofDays(1));
		await(this.lifecycle.expire(key.record().keyId()));
		assertThat(accepted(key.key())).isFalse();
		assertThat(await(this.store.findById(key.record().keyId())).orElseThrow().expires())
			.isEqualTo(this.clock.instant());
	}

	@Test
	void issueWhenValidityEndsThenExpired() {
		IssuedKey key = issue(Duration.ofDays(1));
		this.clock.advance(Duration.ofDays(1).minusMillis(1));
		assertThat(accepted(key.key())).isTrue();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(accepted(key.key())).isFalse();
	}

	@Test
	void setPhaseWhenSunsetPassesThenRejected() {
		IssuedKey key = issue(null);
		Instant sunset = this.clock.instant().plus(Duration.ofDays(14));
		await(this.lifecycle.setPhase(key.record().keyId(), Phase.WARN, sunset));
		Decision warn = decide(key.key());
		assertThat(warn).isInstanceOf(Decision.Accepted.class);
		assertThat(warn.headers()).containsEntry("Sunset", "Mon, 16 Mar 2026 08:00:00 GMT")
			.containsEntry("Deprecation", "@" + this.clock.instant().getEpochSecond());
		this.clock.set(sunset);
		Decision after = decide(key.key());
		assertThat(after).isInstanceOfSatisfying(Decision.Rejected.class,
				r -> assertThat(r.reason()).isEqualTo(Decision.Rejected.RETIRED));
	}

	@Test
	void setPhaseWhenBrownoutThenRefusedOnlyInsideWindow() {
		IssuedKey key = issue(null);
		await(this.lifecycle.setPhase(key.record().keyId(), Phase.BROWNOUT, null));
		this.clock.set(Instant.parse("2026-03-02T09:59:59Z"));
		assertThat(accepted(key.key())).isTrue();
		this.clock.set(Instant.parse("2026-03-02T10:00:00Z"));
		assertThat(decide(key.key())).isInstanceOfSatisfying(Decision.Rejected.class,
				r -> assertThat(r.reason()).isEqualTo(Decision.Rejected.BROWNOUT));
		this.clock.set(Instant.parse("2026-03-02T10:15:00Z"));
		assertThat(accepted(key.key())).isTrue();
	}

	@Test
	void setPhaseWhenPhaseUnchangedThenDeprecationDateKept() {
		IssuedKey key = issue(null);
		Instant first = this.clock.instant();
		await(this.lifecycle.setPhase(key.record().keyId(), Phase.WARN, null));
		this.clock.advance(Duration.ofDays(3));
		ApiKeyRecord again = await(this.lifecycle.setPhase(key.record().keyId(), Phase.WARN,
				this.clock.instant().plus(Duration.ofDays(30))));
		assertThat(again.phaseSince()).isEqualTo(first);
		ApiKeyRecord stricter = await(this.lifecycle.setPhase(key.record().keyId(), Phase.BROWNOUT, null));
		assertThat(stricter.phaseSince()).isEqualTo(this.clock.instant());
		assertThat(stricter.sunset()).isNull();
	}

	@Test
	void revokeWhenUnknownIdThenKeyStateException() {
		assertThatThrownBy(() -> await(this.lifecycle.revoke("nope"))).hasRootCauseInstanceOf(KeyStateException.class);
	}

	private IssuedKey issue(Duration validity) {
		return await(this.lifecycle.issue(IssueRequest.forClient("agent-a").scopes(Set.of("orders:read"))
			.validity(validity)));
	}

	private boolean accepted(String key) {
		return decide(key) instanceof Decision.Accepted;
	}

	private Decision decide(String key) {
		return await(this.authn.authenticate(key, "orders", ROUTE_SCOPES));
	}

}
