package dev.tollgate.apikeys.phase;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.apikeys.PhaseResolver;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseResolverTest {

	private static final String GUIDE = "https://docs.example.com/move-to-oauth";

	private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

	private static final Instant SINCE = Instant.parse("2026-02-01T00:00:00Z");

	private final RoutePhasePolicies policies = new RoutePhasePolicies(List.of(BrownoutWindow.parse("10:00/15m")));

	private final PhaseResolver resolver = new PhaseResolver(this.policies, GUIDE);

	@Test
	void resolveWhenKeyAndRouteAllowThenAcceptedWithoutHeaders() {
		PhaseVerdict v = this.resolver.resolve(TestRecords.key("k1").build(), "orders", NOW);
		assertThat(v.accepted()).isTrue();
		assertThat(v.phase()).isEqualTo(Phase.ALLOW);
		assertThat(v.headers()).isEmpty();
	}

	// RFC 9745 §2 (Deprecation: @epoch-seconds), RFC 8594 §3 (Sunset: IMF-fixdate), RFC 9745 §3 (rel="deprecation").
	@Test
	void resolveWhenKeyWarnsWithSunsetThenDeprecationSunsetAndLinkHeaders() {
		ApiKeyRecord key = TestRecords.key("k1").phase(Phase.WARN).phaseSince(SINCE)
			.sunset(Instant.parse("2026-04-05T00:00:00Z")).build();
		PhaseVerdict v = this.resolver.resolve(key, "orders", NOW);
		assertThat(v.accepted()).isTrue();
		assertThat(v.headers()).containsEntry("Deprecation", "@1769904000")
			.containsEntry("Sunset", "Sun, 05 Apr 2026 00:00:00 GMT")
			.containsEntry("Link", "<" + GUIDE + ">; rel=\"deprecation\"; type=\"text/html\"");
	}

	@Test
	void resolveWhenWarnWithoutSunsetThenNoSunsetHeader() {
		PhaseVerdict v = this.resolver.resolve(TestRecords.key("k1").phase(Phase.WARN).build(), "orders", NOW);
		assertThat(v.headers()).containsKeys("Deprecation", "Link").doesNotContainKey("Sunset");
	}

	@Test
	void resolveWhenRouteStricterThanKeyThenRouteWins() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.REJECT));
		PhaseVerdict v = this.resolver.resolve(TestRecords.key("k1").phase(Phase.WARN).build(), "orders", NOW);
		assertThat(v.phase()).isEqualTo(Phase.REJECT);
		assertThat(v.refusal()).isEqualTo(PhaseVerdict.Refusal.RETIRED);
		assertThat(this.resolver.resolve(TestRecords.key("k1").phase(Phase.WARN).build(), "other", NOW).phase())
			.isEqualTo(Phase.WARN);
	}

	@Test
	void resolveWhenKeyStricterThanRouteThenKeyWins() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.WARN));
		PhaseVerdict v = this.resolver.resolve(TestRecords.key("k1").phase(Phase.REJECT).build(), "orders", NOW);
		assertThat(v.refusal()).isEqualTo(PhaseVerdict.Refusal.RETIRED);
		assertThat(v.headers()).containsKey("Link");
	}

	@Test
	void resolveWhenSunsetPassedThenRejectEvenInAllow() {
		ApiKeyRecord key = TestRecords.key("k1").sunset(NOW).build();
		PhaseVerdict v = this.resolver.resolve(key, "orders", NOW);
		assertThat(v.phase()).isEqualTo(Phase.REJECT);
		assertThat(v.refusal()).isEqualTo(PhaseVerdict.Refusal.SUNSET);
		assertThat(this.resolver.resolve(key, "orders", NOW.minusSeconds(1)).accepted()).isTrue();
	}

	@Test
	void resolveWhenRouteSunsetEarlierThanKeySunsetThenEarlierApplies() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.WARN).withSunset(NOW.minusSeconds(60)));
		ApiKeyRecord key = TestRecords.key("k1").sunset(NOW.plusSeconds(86_400)).build();
		assertThat(this.resolver.resolve(key, "orders", NOW).refusal()).isEqualTo(PhaseVerdict.Refusal.SUNSET);
	}

	@Test
	void resolveWhenBrownoutInsideDefaultWindowThenRefusedOutsideAcceptedWithHeaders() {
		ApiKeyRecord key = TestRecords.key("k1").phase(Phase.BROWNOUT).build();
		PhaseVerdict inside = this.resolver.resolve(key, "orders", Instant.parse("2026-03-02T10:05:00Z"));
		assertThat(inside.refusal()).isEqualTo(PhaseVerdict.Refusal.BROWNOUT);
		assertThat(inside.headers()).containsKeys("Deprecation", "Link");
		PhaseVerdict outside = this.resolver.resolve(key, "orders", Instant.parse("2026-03-02T10:15:00Z"));
		assertThat(outside.accepted()).isTrue();
		assertThat(outside.phase()).isEqualTo(Phase.BROWNOUT);
		assertThat(outside.headers()).containsKeys("Deprecation", "Link");
	}

	@Test
	void resolveWhenRouteHasOwnWindowsThenTheyReplaceTheDefaults() {
		this.policies.register("orders", RoutePhasePolicy.of(Phase.BROWNOUT)
			.withBrownoutWindows(List.of(BrownoutWindow.parse("16:00/1h"))));
		ApiKeyRecord key = TestRecords.key("k1").build();
		assertThat(this.resolver.resolve(key, "orders", Instant.parse("2026-03-02T10:05:00Z")).accepted()).isTrue();
		assertThat(this.resolver.resolve(key, "orders", Instant.parse("2026-03-02T16:30:00Z")).refusal())
			.isEqualTo(PhaseVerdict.Refusal.BROWNOUT);
	}

	@Test
	void resolveWhenRouteDeprecatedEarlierThanKeyThenEarliestDateAnnounced() {
		Instant routeSince = Instant.parse("2026-01-01T00:00:00Z");
		this.policies.register("orders", new RoutePhasePolicy(Phase.WARN, routeSince, null, List.of()));
		ApiKeyRecord key = TestRecords.key("k1").phase(Phase.WARN).phaseSince(SINCE).build();
		assertThat(this.resolver.resolve(key, "orders", NOW).headers())
			.containsEntry("Deprecation", "@" + routeSince.getEpochSecond());
	}

	@Test
	void resolveWhenNoGuideConfiguredThenNoLinkHeader() {
		PhaseResolver noGuide = new PhaseResolver(this.policies, null);
		assertThat(noGuide.resolve(TestRecords.key("k1").phase(Phase.WARN).build(), "orders", NOW).headers())
			.doesNotContainKey("Link");
	}

	@Test
	void sunsetWhenSingleDigitDayThenTwoDigitImfFixdate() {
		// RFC 9110 §5.6.7: day is 2DIGIT.
		assertThat(PhaseHeaders.sunset(Instant.parse("2027-03-01T08:09:10Z"))).isEqualTo("Mon, 01 Mar 2027 08:09:10 GMT");
	}

}
